import { hostname } from 'node:os'

/** The slice of a database client the heartbeat needs (Lucid's `db` satisfies it). */
export interface HeartbeatStore {
  rawQuery(sql: string, bindings: unknown[]): Promise<unknown>
}

export interface HeartbeatOptions {
  store: HeartbeatStore
  nodeId?: string
  intervalMs?: number
  version?: string
  onError?: (error: unknown) => void
}

/**
 * The recorder's heartbeat row in `recorder_nodes`. The web reads its age for /healthz
 * and the dashboard. A failed beat (database down) is reported and retried at the next
 * interval; it never stops the recorder.
 */
export default class Heartbeat {
  readonly nodeId: string
  #timer?: NodeJS.Timeout
  #startedAt = new Date()

  constructor(private options: HeartbeatOptions) {
    this.nodeId = options.nodeId || `${hostname()}`
  }

  /** Writes one beat now. Resolves false when the database could not be reached. */
  async beat(): Promise<boolean> {
    try {
      await this.options.store.rawQuery(
        `insert into recorder_nodes (id, hostname, pid, version, started_at, last_beat_at, stopped_at)
         values (?, ?, ?, ?, ?, now(), null)
         on conflict (id) do update set hostname = excluded.hostname, pid = excluded.pid,
           version = excluded.version, started_at = excluded.started_at,
           last_beat_at = now(), stopped_at = null`,
        [this.nodeId, hostname(), process.pid, this.options.version ?? null, this.#startedAt]
      )
      return true
    } catch (error) {
      this.options.onError?.(error)
      return false
    }
  }

  start() {
    void this.beat()
    this.#timer = setInterval(() => void this.beat(), this.options.intervalMs ?? 5000)
  }

  /** Stops beating and marks the node stopped (best effort). */
  async stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    try {
      await this.options.store.rawQuery(
        'update recorder_nodes set stopped_at = now() where id = ? and pid = ?',
        [this.nodeId, process.pid]
      )
    } catch (error) {
      this.options.onError?.(error)
    }
  }
}
