import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { DISPLAY_ZONE } from '#services/dates'
import { createBackup } from '#services/backup/create_backup'
import { ensureBackupKey } from '#services/backup/backup_crypto'

const NAME = /^backup-(\d{8})-(\d{6})\.zip\.age$/

export interface ScheduleOptions {
  dir: string
  /** Copies kept; the oldest beyond this are deleted after a new one is written. */
  keep: number
  /** Commune time of day after which the day's backup is due, `HH:MM`. */
  at: string
  now?: Date
}

export function scheduleFromEnv(): ScheduleOptions {
  return {
    dir: env.get('BACKUP_DIR') || app.makePath('storage/backups'),
    keep: env.get('BACKUP_KEEP') ?? 14,
    at: env.get('BACKUP_AT') || '02:30',
  }
}

/** `backup-20261129-023000.zip.age` in commune time (an age-encrypted zip). */
export function backupName(now: Date) {
  return `backup-${DateTime.fromJSDate(now).setZone(DISPLAY_ZONE).toFormat('yyyyMMdd-HHmmss')}.zip.age`
}

/**
 * The daily backup, checked every minute by the recorder: once the day's time has come and
 * the folder holds no backup from that day, one is written (a recorder back from a power
 * cut at 09:00 writes the day's backup then); afterwards only the newest `keep` stay.
 * Returns the archive written, or null.
 */
export async function runScheduledBackup(options: ScheduleOptions) {
  const now = DateTime.fromJSDate(options.now ?? new Date()).setZone(DISPLAY_ZONE)
  const [hour, minute] = options.at.split(':').map(Number)
  if (now < now.set({ hour, minute, second: 0, millisecond: 0 })) return null
  const names = (await readdir(options.dir).catch(() => [] as string[])).filter((n) => NAME.test(n))
  const today = now.toFormat('yyyyMMdd')
  if (names.some((n) => NAME.exec(n)![1] === today)) return null
  await ensureBackupKey(app.makePath('.env'), (message) => console.warn(message))
  const written = await createBackup({
    out: join(options.dir, backupName(now.toJSDate())),
  })
  const all = [...names, backupName(now.toJSDate())].sort()
  for (const old of all.slice(0, Math.max(0, all.length - options.keep))) {
    await rm(join(options.dir, old), { force: true })
  }
  return written
}
