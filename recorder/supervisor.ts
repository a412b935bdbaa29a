import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CameraWorker,
  incomingDirFor,
  type CameraConfig,
  type EndReason,
  type WorkerDeps,
} from '#recorder/camera_worker'
import { segmentStartFromName } from '#recorder/ffmpeg_command'
import { settleSegment } from '#recorder/segment_indexer'

export interface SupervisorOptions extends WorkerDeps {
  /** The cameras this node should record now (enabled, active, with a stream URL). */
  loadCameras: () => Promise<CameraConfig[]>
  /** Why a camera left the list: switched off ('disabled') or now another node's. */
  whyGone?: (cameraId: number) => Promise<EndReason>
  /** Called once the workers have stopped (gives up this node's camera leases). */
  release?: () => Promise<void>
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
    await this.options.release?.().catch(() => {})
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
          const reason: EndReason = this.options.whyGone
            ? await this.options.whyGone(id).catch(() => 'disabled' as const)
            : 'disabled'
          await worker.stop(reason)
        } else if (fingerprint(next) !== fingerprint(worker.config)) {
          this.workers.delete(id)
          await worker.stop('recorder_stopped')
        }
      }
      for (const camera of wanted) {
        if (this.workers.has(camera.id)) continue
        if (camera.takenFrom) await this.takeOver(camera, camera.takenFrom)
        const worker = new CameraWorker(camera, this.options)
        this.workers.set(camera.id, worker)
        worker.start()
      }
    } finally {
      this.#syncing = false
    }
  }

  /**
   * After a SIGKILL or a power cut: every segment this node left in its incoming folders is
   * probed and indexed (a truncated tail is fine; an unreadable file is quarantined), and
   * its runs left open are closed as crash-recovered.
   */
  async recover() {
    const result = await this.options.store
      .rawQuery('select id, code from cameras')
      .catch(() => ({ rows: [] as { id: number; code: string }[] }))
    for (const { id, code } of result.rows) {
      await this.#settleLeftovers(id, code, this.options.node, 0)
    }
    await this.#closeOpenRuns(this.options.node)
  }

  /**
   * A camera taken over from a node that died: what that node had not settled is indexed
   * here (files untouched for 10 s, so a node that only lost the database and is still
   * writing is left alone), and its open run is closed as crash-recovered.
   */
  async takeOver(camera: CameraConfig, previousNode: string) {
    this.options.log?.('camera taken over', { camera: camera.code, from: previousNode })
    await this.#settleLeftovers(camera.id, camera.code, previousNode, 10_000)
    await this.#closeOpenRuns(previousNode, camera.id)
  }

  async #settleLeftovers(cameraId: number, code: string, node: string, minAgeMs: number) {
    const incoming = incomingDirFor(this.options.root, code, node)
    for (const name of (await readdir(incoming).catch(() => [] as string[])).sort()) {
      if (!name.endsWith('.ts')) continue
      const file = join(incoming, name)
      const info = await stat(file).catch(() => null)
      if (!info || Date.now() - info.mtimeMs < minAgeMs) continue
      try {
        const row = await settleSegment({
          bin: this.options.bin,
          root: this.options.root,
          cameraId,
          cameraCode: code,
          file,
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

  async #closeOpenRuns(node: string, cameraId?: number) {
    await this.options.store
      .rawQuery(
        `update recording_runs set end_reason = 'crash_recovered'
         where end_reason is null and recorder_node = ? ${cameraId ? 'and camera_id = ?' : ''}`,
        cameraId ? [node, cameraId] : [node]
      )
      .catch(() => {})
  }
}

function fingerprint(c: CameraConfig) {
  return `${c.code}|${c.url}|${c.transport}|${c.audio ?? 'copy'}`
}
