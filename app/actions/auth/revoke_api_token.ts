import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'

/** Revokes one of the user's own tokens; returns false when it is not theirs. */
export default class RevokeApiToken {
  static async handle(params: { actor: AuditActor; user: User; tokenId: number }) {
    return db.transaction(async (trx) => {
      const deleted = await trx
        .from('auth_access_tokens')
        .where('id', params.tokenId)
        .where('tokenable_id', params.user.id)
        .delete()
      if (!Number(deleted)) return false
      await recordAudit(
        {
          actor: params.actor,
          action: 'token.revoke',
          entityType: 'access_token',
          entityId: params.tokenId,
        },
        trx
      )
      return true
    })
  }
}
