import User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'

/**
 * Issues a bearer token for the JSON API. The secret is returned once; only its hash
 * is stored.
 */
export default class IssueApiToken {
  static async handle(params: { actor: AuditActor; user: User; name: string }) {
    const token = await User.accessTokens.create(params.user, ['*'], { name: params.name })
    await recordAudit({
      actor: params.actor,
      action: 'token.create',
      entityType: 'access_token',
      entityId: String(token.identifier),
      after: { userId: params.user.id, name: params.name },
    })
    return { token: token.value!.release(), id: token.identifier, expiresAt: token.expiresAt }
  }
}
