import { execFile } from 'node:child_process'
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { h264Args, RENDITION_HEIGHT, transcodeSlots } from '#services/footage/viewing'

const run = promisify(execFile)

/**
 * H.264 copies of recorded segments for playback in browsers that cannot decode the
 * original (issue 20). A segment is transcoded when the player asks for it, once, however
 * many viewers ask at the same moment, into storage/renditions; the folder is kept under
 * RENDITION_CACHE_MB (default 2048) by deleting the copies used longest ago. The originals
 * are never touched: a copy is a view, not evidence. Timestamps are kept (-copyts), so the
 * day's playlist plays the copies exactly where the originals would be.
 */
class RenditionCache {
  #making = new Map<number, Promise<string>>()

  root() {
    return app.makePath('storage/renditions')
  }

  /** The path of segment `id`'s H.264 copy, made now if needed. */
  async path(segment: { id: number; path: string }): Promise<string> {
    const target = join(this.root(), `${segment.id}-${RENDITION_HEIGHT.main}.ts`)
    try {
      await stat(target)
      const now = new Date()
      await utimes(target, now, now).catch(() => {})
      return target
    } catch {}
    let making = this.#making.get(segment.id)
    if (!making) {
      making = this.#make(segment.path, target).finally(() => this.#making.delete(segment.id))
      this.#making.set(segment.id, making)
    }
    return making
  }

  async #make(source: string, target: string) {
    const release = await transcodeSlots.take()
    const partial = `${target}.part`
    try {
      await mkdir(this.root(), { recursive: true })
      const bin = await detectFfmpeg()
      await run(
        bin.ffmpeg,
        [
          '-hide_banner',
          '-nostdin',
          '-loglevel',
          'error',
          '-y',
          '-copyts',
          '-i',
          source,
          '-map',
          '0:v',
          ...h264Args(RENDITION_HEIGHT.main),
          '-an',
          '-muxdelay',
          '0',
          '-f',
          'mpegts',
          partial,
        ],
        { maxBuffer: 1024 * 1024 }
      )
      await rename(partial, target)
    } catch (error) {
      await rm(partial, { force: true })
      throw error
    } finally {
      release()
    }
    void this.prune().catch(() => {})
    return target
  }

  /** Deletes the copies used longest ago until the folder fits its budget. */
  async prune(budgetBytes = env.get('RENDITION_CACHE_MB', 2048) * 1024 * 1024) {
    const files = []
    for (const name of await readdir(this.root()).catch(() => [] as string[])) {
      if (!name.endsWith('.ts')) continue
      const info = await stat(join(this.root(), name)).catch(() => null)
      if (info) files.push({ name, size: info.size, used: info.mtimeMs })
    }
    let total = files.reduce((sum, f) => sum + f.size, 0)
    for (const f of files.sort((a, b) => a.used - b.used)) {
      if (total <= budgetBytes) break
      await rm(join(this.root(), f.name), { force: true })
      total -= f.size
    }
    return total
  }
}

const renditionCache = new RenditionCache()
export default renditionCache
