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

export interface SettingChange<T extends object = object> {
  key: string
  defaults: T
  value: T
}

export async function writeSetting<T extends object>(
  params: SettingChange<T> & { actor: AuditActor }
) {
  await writeSettings(params.actor, [params])
  return params.value
}

/** Saves several settings (one form) in one transaction, each change audited. */
export async function writeSettings(actor: AuditActor, changes: SettingChange[]) {
  await db.transaction(async (trx) => {
    for (const change of changes) {
      const row = await trx.from('app_settings').where('key', change.key).forUpdate().first()
      const before = { ...change.defaults, ...(row?.value ?? {}) }
      await trx.rawQuery(
        `INSERT INTO app_settings (key, value, updated_by, updated_at) VALUES (?, ?::jsonb, ?, now())
         ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [change.key, JSON.stringify(change.value), actor.id as number]
      )
      await recordAudit(
        {
          actor,
          action: 'setting.update',
          entityType: 'setting',
          entityId: null,
          before: { key: change.key, ...before },
          after: { key: change.key, ...change.value },
        },
        trx
      )
    }
  })
}
