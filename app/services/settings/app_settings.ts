import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#services/audit'

/**
 * Settings people change in the web, one JSON value per key in `app_settings`; a key
 * never saved reads as its defaults (from the environment). Every change is audited.
 */
export async function readSetting<T extends object>(key: string, defaults: T): Promise<T> {
  const row = await db.from('app_settings').where('key', key).first()
  return { ...defaults, ...(row?.value ?? {}) }
}

export async function writeSetting<T extends object>(params: {
  actor: AuditActor
  key: string
  defaults: T
  value: T
}) {
  return db.transaction(async (trx) => {
    const row = await trx.from('app_settings').where('key', params.key).forUpdate().first()
    const before = { ...params.defaults, ...(row?.value ?? {}) }
    await trx.rawQuery(
      `INSERT INTO app_settings (key, value, updated_by, updated_at) VALUES (?, ?::jsonb, ?, now())
       ON CONFLICT (key) DO UPDATE
         SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [params.key, JSON.stringify(params.value), params.actor.id as number]
    )
    await recordAudit(
      {
        actor: params.actor,
        action: 'setting.update',
        entityType: 'setting',
        entityId: null,
        before: { key: params.key, ...before },
        after: { key: params.key, ...params.value },
      },
      trx
    )
    return params.value
  })
}
