import { statfs } from 'node:fs/promises'
import { dirname } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { recordingsDir } from '#services/recordings_dir'
import { certificateStatus } from '#services/https/tls_files'
import { describeFfmpeg } from '#recorder/ffmpeg_binaries'

/** A recorder that has not beaten for this long is shown as stopped. */
export const HEARTBEAT_STALE_SECONDS = 30

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down'
  database: { ok: boolean; latencyMs: number | null }
  recorder: { heartbeatAgeSeconds: number | null; status: 'ok' | 'stale' | 'missing' | 'unknown' }
  disk: { path: string; freeBytes: number | null; totalBytes: number | null }
  /** The built-in HTTPS server's certificate (null when a proxy or nobody does HTTPS). */
  certificate: ReturnType<typeof certificateStatus>
  /** The ffmpeg build the recorder runs (same rule as the recorder: FFMPEG_PATH, system, bundled). */
  ffmpeg: Awaited<ReturnType<typeof describeFfmpeg>>
  checkedAt: string
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Free space of the volume holding `path` (or its nearest existing parent). */
async function diskSpace(path: string) {
  let current = path
  for (let i = 0; i < 50; i++) {
    try {
      const stats = await statfs(current)
      return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize }
    } catch {
      const parent = dirname(current)
      if (parent === current) break
      current = parent
    }
  }
  return { freeBytes: null, totalBytes: null }
}

/**
 * The state of the parts the portal depends on: database, recorder heartbeat, disk.
 * Never throws: a part that cannot be checked is reported as such.
 */
export default class SystemHealth {
  static async check(): Promise<HealthReport> {
    const started = performance.now()
    let databaseOk = false
    let heartbeatAge: number | null = null
    try {
      const result = await withTimeout(
        db.rawQuery(
          `select extract(epoch from (now() - max(last_beat_at)))::float8 as age
             from recorder_nodes where stopped_at is null`
        ),
        3000
      )
      databaseOk = true
      const age = result.rows[0]?.age
      heartbeatAge = age === null || age === undefined ? null : Math.max(0, Math.round(age))
    } catch {
      databaseOk = false
    }
    const latencyMs = databaseOk ? Math.round(performance.now() - started) : null
    const path = recordingsDir()
    const disk = await diskSpace(path)

    const recorderStatus = !databaseOk
      ? 'unknown'
      : heartbeatAge === null
        ? 'missing'
        : heartbeatAge > HEARTBEAT_STALE_SECONDS
          ? 'stale'
          : 'ok'
    return {
      status: !databaseOk ? 'down' : recorderStatus === 'ok' ? 'ok' : 'degraded',
      database: { ok: databaseOk, latencyMs },
      recorder: { heartbeatAgeSeconds: heartbeatAge, status: recorderStatus },
      disk: { path, ...disk },
      certificate: certificateStatus(),
      ffmpeg: await describeFfmpeg(),
      checkedAt: new Date().toISOString(),
    }
  }
}
