import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'
import { generateOneTimePassword } from '#services/passwords'
import { endUserSessions } from '#services/user_sessions'

/**
 * An admin resets a forgotten password: a new one-time password (shown once to the
 * admin), the user must choose a new one at next login, open sessions and API tokens end.
 */
export default class ResetUserPassword {
  static async handle(params: { actor: AuditActor; userId: number }) {
    const oneTimePassword = generateOneTimePassword()
    const user = await db.transaction(async (trx) => {
      const row = await User.query({ client: trx })
        .where('id', params.userId)
        .forUpdate()
        .firstOrFail()
      row.password = oneTimePassword
      row.passwordChangeRequired = true
      await row.useTransaction(trx).save()
      // Whoever knew the old password may have made API tokens with it: none survive.
      await trx.from('auth_access_tokens').where('tokenable_id', row.id).delete()
      await recordAudit(
        {
          actor: params.actor,
          action: 'user.reset_password',
          entityType: 'user',
          entityId: row.id,
        },
        trx
      )
      return row
    })
    await endUserSessions(user.id)
    return { user, oneTimePassword }
  }
}
