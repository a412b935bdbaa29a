import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { CameraWorker, type CameraConfig, type WorkerDeps } from '#recorder/camera_worker'
import { segmentStartFromName } from '#recorder/ffmpeg_command'
import { settleSegment } from '#recorder/segment_indexer'

export interface SupervisorOptions extends WorkerDeps {
  /** The cameras this node should record now (enabled, active, with a stream URL). */
  loadCameras: () => Promise<CameraConfig[]>
  pollMs?: number
}

/**
 * Keeps one worker per camera to record: picks up cameras added, changed or disabled in
 * the web within one poll (5 s), flushes index rows spooled while the database was down,
 * and at start recovers what a killed recorder left behind.
 */
export class Supervisor {
  workers = new Map<number, CameraWorker>()
  #timer?: NodeJS.Timeout
  #syncing = false

  constructor(private options: SupervisorOptions) {}

  async start() {
    await this.recover()
    await this.sync()
    this.#timer = setInterval(() => void this.sync(), this.options.pollMs ?? 5000)
  }

  async stop() {
    if (this.#timer) clearInterval(this.#timer)
    await Promise.all([...this.workers.values()].map((w) => w.stop('recorder_stopped')))
    this.workers.clear()
    await this.options.index.flush().catch(() => 0)
  }

  /** One reconciliation pass: start, restart (settings changed) or stop workers. */
  async sync() {
    if (this.#syncing) return
    this.#syncing = true
    try {
      await this.options.index.flush().catch(() => 0)
      let wanted: CameraConfig[]
      try {
        wanted = await this.options.loadCameras()
      } catch (error) {
        // Database down: keep recording what we have.
        this.options.log?.('camera list unavailable', { error: String(error) })
        return
      }
      const byId = new Map(wanted.map((c) => [c.id, c]))
      for (const [id, worker] of this.workers) {
        const next = byId.get(id)
        if (!next) {
          this.workers.delete(id)
          await worker.stop('disabled')
        } else if (fingerprint(next) !== fingerprint(worker.config)) {
          this.workers.delete(id)
          await worker.stop('recorder_stopped')
        }
      }
      for (const camera of wanted) {
        if (this.workers.has(camera.id)) continue
        const worker = new CameraWorker(camera, this.options)
        this.workers.set(camera.id, worker)
        worker.start()
      }
    } finally {
      this.#syncing = false
    }
  }

  /**
   * After a SIGKILL or a power cut: every segment still in an incoming folder is probed and
   * indexed (a truncated tail is fine; an unreadable file is quarantined), and runs left
   * open are closed as crash-recovered.
   */
  async recover() {
    const root = this.options.root
    const cameras = await this.options.loadCameras().catch(() => [] as CameraConfig[])
    const codes = new Map(cameras.map((c) => [c.code, c.id]))
    for (const code of await readdir(root).catch(() => [] as string[])) {
      const cameraId = codes.get(code)
      if (!cameraId) continue
      const incoming = join(root, code, 'incoming')
      for (const name of (await readdir(incoming).catch(() => [] as string[])).sort()) {
        if (!name.endsWith('.ts')) continue
        try {
          const row = await settleSegment({
            bin: this.options.bin,
            root,
            cameraId,
            cameraCode: code,
            file: join(incoming, name),
            startedAt: segmentStartFromName(name) ?? new Date(),
            runId: null,
            recovered: true,
            recorderNode: this.options.node,
          })
          await this.options.index.insert(row)
        } catch (error) {
          this.options.log?.('recovery: quarantined', {
            camera: code,
            file: name,
            error: String(error),
          })
        }
      }
    }
    await this.options.store
      .rawQuery(
        `update recording_runs set end_reason = 'crash_recovered'
         where end_reason is null and recorder_node = ?`,
        [this.options.node]
      )
      .catch(() => {})
  }
}

function fingerprint(c: CameraConfig) {
  return `${c.code}|${c.url}|${c.transport}`
}
