import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { recordAudit, type AuditActor } from '#services/audit'
import { generateOneTimePassword } from '#services/passwords'
import type { Locale, Role } from '#services/roles'

export interface CreateUserParams {
  actor: AuditActor
  fullName: string
  email: string
  role: Role
  locale?: Locale
  /** When omitted, a one-time password is generated and must be changed at first login. */
  password?: string | null
}

/**
 * Creates a user account. Returns the generated one-time password (if any) so the
 * caller can show it exactly once.
 */
export default class CreateUser {
  static async handle(params: CreateUserParams) {
    const oneTimePassword = params.password ? null : generateOneTimePassword()
    return db.transaction(async (trx) => {
      const user = await User.create(
        {
          fullName: params.fullName.trim(),
          email: params.email.trim().toLowerCase(),
          role: params.role,
          locale: params.locale ?? 'vi',
          password: params.password ?? oneTimePassword!,
          passwordChangeRequired: oneTimePassword !== null,
        },
        { client: trx }
      )
      await recordAudit(
        {
          actor: params.actor,
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          after: user.toAuditJSON(),
        },
        trx
      )
      return { user, oneTimePassword }
    })
  }
}
