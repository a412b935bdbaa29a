import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'
import { endUserSessions } from '#services/user_sessions'
import { assertAnotherActiveAdmin } from '#actions/users/update_user'

export interface SetUserDisabledParams {
  actor: AuditActor
  userId: number
  disabled: boolean
}

/**
 * Disables (or re-enables) an account. Disabling revokes every API token and ends every
 * open session at once; the last active admin cannot be disabled.
 */
export default class SetUserDisabled {
  static async handle(params: SetUserDisabledParams) {
    const user = await db.transaction(async (trx) => {
      const row = await User.query({ client: trx })
        .where('id', params.userId)
        .forUpdate()
        .firstOrFail()
      const before = row.toAuditJSON()
      if (params.disabled && row.role === 'admin' && !row.isDisabled) {
        await assertAnotherActiveAdmin(trx, row.id)
      }
      row.disabledAt = params.disabled ? (row.disabledAt ?? DateTime.now()) : null
      await row.useTransaction(trx).save()
      if (params.disabled) {
        await trx.from('auth_access_tokens').where('tokenable_id', row.id).delete()
      }
      await recordAudit(
        {
          actor: params.actor,
          action: params.disabled ? 'user.disable' : 'user.enable',
          entityType: 'user',
          entityId: row.id,
          before,
          after: row.toAuditJSON(),
        },
        trx
      )
      return row
    })
    // Sessions may live outside the database (memory store in tests): end them after commit.
    if (params.disabled) await endUserSessions(user.id)
    return user
  }
}
