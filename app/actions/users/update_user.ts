import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'
import type { Role } from '#services/roles'

export interface UpdateUserParams {
  actor: AuditActor
  userId: number
  fullName: string
  role: Role
}

export class LastAdminError extends Error {
  code = 'E_LAST_ADMIN'
}

/**
 * Changes a user's name and role. The last active admin cannot be demoted: somebody must
 * always be able to manage accounts.
 */
export default class UpdateUser {
  static async handle(params: UpdateUserParams) {
    return db.transaction(async (trx) => {
      const user = await User.query({ client: trx })
        .where('id', params.userId)
        .forUpdate()
        .firstOrFail()
      const before = user.toAuditJSON()
      if (user.role === 'admin' && params.role !== 'admin') {
        await assertAnotherActiveAdmin(trx, user.id)
      }
      user.merge({ fullName: params.fullName.trim(), role: params.role })
      await user.useTransaction(trx).save()
      await recordAudit(
        {
          actor: params.actor,
          action: 'user.update',
          entityType: 'user',
          entityId: user.id,
          before,
          after: user.toAuditJSON(),
        },
        trx
      )
      return user
    })
  }
}

/** Throws LastAdminError unless an active admin other than `userId` exists. */
export async function assertAnotherActiveAdmin(trx: TransactionClientContract, userId: number) {
  const others = await User.query({ client: trx })
    .where('role', 'admin')
    .whereNull('disabled_at')
    .whereNot('id', userId)
    .count('* as total')
    .first()
  if (Number(others?.$extras.total ?? 0) === 0) throw new LastAdminError('last admin')
}
