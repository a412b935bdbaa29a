import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser } from '#tests/helpers'
import { ROLES, type Role } from '#services/roles'

/** Who may open which page; everyone else gets 403. Money: only the treasurer writes. */
const EXPECTED: Record<string, Role[]> = {
  '/admin/users': ['admin'],
  '/admin/users/create': ['admin'],
  '/audit': ['admin', 'committee'],
  '/donations': ['admin', 'treasurer', 'committee', 'viewer'],
  '/donors': ['admin', 'treasurer', 'committee', 'viewer'],
  '/donation-batches': ['admin', 'treasurer', 'committee', 'viewer'],
  '/funds': ['admin', 'treasurer', 'committee', 'viewer'],
  '/donations/create': ['treasurer'],
  '/donors/create': ['treasurer'],
  '/donation-batches/create': ['treasurer'],
  '/donation-imports/create': ['treasurer'],
  '/budget': ['admin', 'treasurer', 'committee', 'viewer', 'technician'],
  '/expenses': ['admin', 'treasurer', 'committee', 'viewer', 'technician'],
  '/expenses/create': ['treasurer', 'committee', 'technician'],
  '/budget/lines/create': ['committee'],
  '/cameras': ['admin', 'technician', 'operator', 'committee', 'viewer'],
  '/cameras/create': ['admin', 'technician'],
  '/cameras/labels': ['admin', 'technician', 'operator', 'committee', 'viewer'],
  '/site-plan': ['admin', 'technician', 'operator', 'committee', 'viewer'],
  '/locations': ['admin', 'technician', 'operator', 'committee', 'viewer'],
  '/households': ['admin', 'technician', 'operator'],
  '/households/create': ['admin', 'technician'],
  '/tickets': ['admin', 'technician', 'operator', 'committee'],
  '/maintenance/schedules': ['admin', 'technician', 'operator', 'committee'],
  '/maintenance/settings': ['admin'],
  '/footage/live': ['admin', 'operator'],
  '/evidence': ['admin', 'operator'],
  '/evidence/verify': ['admin', 'operator'],
  '/reports': ['admin', 'committee', 'treasurer'],
}

test.group('Roles', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const [url, allowed] of Object.entries(EXPECTED)) {
    for (const role of ROLES) {
      const expected = allowed.includes(role) ? 200 : 403
      test(`${role} opening ${url} gets ${expected}`, async ({ client }) => {
        const user = await makeUser(role)
        const response = await client.get(url).loginAs(user)
        response.assertStatus(expected)
        if (expected === 403) response.assertTextIncludes('Không có quyền truy cập')
      })
    }
    test(`an anonymous visitor opening ${url} is sent to the login page`, async ({ client }) => {
      const response = await client.get(url).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/login')
    })
  }

  test('the navigation shows only what the role may open', async ({ client, assert }) => {
    const treasurer = await client.get('/').loginAs(await makeUser('treasurer'))
    treasurer.assertTextIncludes('Tài khoản')
    assert.notInclude(treasurer.text(), 'href="/admin/users"')
    assert.notInclude(treasurer.text(), 'href="/audit"')

    const committee = await client.get('/').loginAs(await makeUser('committee'))
    committee.assertTextIncludes('href="/audit"')
    assert.notInclude(committee.text(), 'href="/admin/users"')

    const admin = await client.get('/').loginAs(await makeUser('admin'))
    admin.assertTextIncludes('href="/admin/users"')
    admin.assertTextIncludes('href="/audit"')
  })
})
