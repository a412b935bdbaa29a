import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import ResetUserPassword from '#actions/users/reset_user_password'
import { actorFromUser, makeUser } from '#tests/helpers'

async function tokenOf(user: User) {
  return (await User.accessTokens.create(user)).value!.release()
}

test.group('Passwords and API tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a password reset ends the API tokens made with the old password', async ({ client }) => {
    const user = await makeUser('treasurer')
    const token = await tokenOf(user)
    ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(200)
    await ResetUserPassword.handle({
      actor: actorFromUser(await makeUser('admin')),
      userId: user.id,
    })
    ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(401)
  })

  test("changing one's own password ends one's API tokens", async ({ client }) => {
    const user = await makeUser('committee')
    const token = await tokenOf(user)
    const changed = await client
      .put('/profile/password')
      .loginAs(user)
      .form({
        currentPassword: 'mat-khau-du-dai',
        newPassword: 'mat-khau-moi-2026',
        newPasswordConfirmation: 'mat-khau-moi-2026',
      })
      .withCsrfToken()
      .redirects(0)
    changed.assertStatus(302)
    ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(401)
  })

  test('a token of someone who must change the password gets a clear JSON refusal', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('treasurer')
    const token = await tokenOf(user)
    user.passwordChangeRequired = true
    await user.save()
    const response = await client.get('/api/v1/donations').bearerToken(token)
    response.assertStatus(403)
    assert.deepEqual(response.body().errors[0], {
      code: 'E_PASSWORD_CHANGE_REQUIRED',
      message: 'Tài khoản này phải đổi mật khẩu trên trang web trước khi dùng API.',
    })
  })
})
