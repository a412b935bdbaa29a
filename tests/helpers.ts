import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type { Role } from '#services/roles'

let counter = 0

/** A user of the given role with a known password (no one-time password to change). */
export async function makeUser(
  role: Role,
  overrides: Partial<{ email: string; password: string; locale: 'vi' | 'en' }> = {}
) {
  counter++
  return User.create({
    fullName: `Người dùng ${role} ${counter}`,
    email: overrides.email ?? `${role}${counter}-${Date.now()}@xa.test`,
    password: overrides.password ?? 'mat-khau-du-dai',
    role,
    locale: overrides.locale ?? 'vi',
    passwordChangeRequired: false,
  })
}

/**
 * Asserts that PostgreSQL refuses UPDATE, DELETE and TRUNCATE on an append-only row.
 * Each attempt runs in its own savepoint so the refusal does not end the test transaction.
 */
export async function assertAppendOnly(assert: Assert, table: string, id: number) {
  const attempts = [
    (trx: any) => trx.from(table).where('id', id).update({ id }),
    (trx: any) => trx.from(table).where('id', id).delete(),
    (trx: any) => trx.rawQuery(`TRUNCATE ${table}`),
  ]
  for (const attempt of attempts) {
    await assert.rejects(() => db.transaction((trx) => attempt(trx)), /append-only/)
  }
}
