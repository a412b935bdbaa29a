import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'

export class WrongCurrentPasswordError extends Error {
  code = 'E_WRONG_PASSWORD'
}

/** A signed-in user replaces their password (required after a one-time password). */
export default class ChangeOwnPassword {
  static async handle(params: {
    actor: AuditActor
    userId: number
    currentPassword: string
    newPassword: string
  }) {
    return db.transaction(async (trx) => {
      const user = await User.query({ client: trx })
        .where('id', params.userId)
        .forUpdate()
        .firstOrFail()
      if (!(await hash.verify(user.password, params.currentPassword))) {
        throw new WrongCurrentPasswordError('wrong current password')
      }
      user.password = params.newPassword
      user.passwordChangeRequired = false
      await user.useTransaction(trx).save()
      // A changed password ends the API tokens made under the old one.
      await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
      await recordAudit(
        {
          actor: params.actor,
          action: 'user.change_password',
          entityType: 'user',
          entityId: user.id,
        },
        trx
      )
      return user
    })
  }
}
