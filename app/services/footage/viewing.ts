import os from 'node:os'
import { readSetting, writeSetting } from '#services/settings/app_settings'
import type { AuditActor } from '#services/audit'

/**
 * Watching footage whatever codec the camera sends (issue 20). Recording never changes:
 * the recorder copies the stream as it comes. Only for viewing, and only when the viewer's
 * browser cannot decode the codec, the server makes an H.264 copy with ffmpeg. The rules
 * live here, once: which codecs a browser reported, whether a stream needs the H.264
 * rendition, its size, the encoder's arguments, and how many may run at once.
 */

/** Codecs a browser can tell us it decodes (MediaSource.isTypeSupported in the player). */
export const VIEWER_CODECS = ['h264', 'hevc'] as const
export type ViewerCodec = (typeof VIEWER_CODECS)[number]

/**
 * The codecs a player reported (`?decodes=h264,hevc`). A player that says nothing is
 * taken to decode H.264 only: every browser does, and it is the safe answer.
 */
export function reportedDecodes(value: unknown): ViewerCodec[] {
  // "h264,hevc"; the query-string parser may already have split it into an array.
  const words = (Array.isArray(value) ? value : [value])
    .filter((word): word is string => typeof word === 'string')
    .flatMap((word) => word.split(','))
  const known = VIEWER_CODECS.filter((codec) => words.includes(codec))
  return known.includes('h264') ? known : ['h264', ...known]
}

/**
 * Whether a stream in `codec` (ffmpeg's name: 'h264', 'hevc', …) needs the H.264 rendition
 * for a browser that decodes `decodes`. Unknown codecs are copied: the player says so if it
 * cannot play them, rather than the server guessing and paying for a transcode.
 */
export function needsRendition(codec: string | null, decodes: ViewerCodec[]) {
  if (!codec || codec === 'h264') return false
  if (codec === 'hevc') return !decodes.includes('hevc')
  return true
}

/**
 * Rendition heights: one camera on the screen is capped at 720p; a tile of the grid at 360p.
 * Smaller sources are not scaled up.
 */
export const RENDITION_HEIGHT = { main: 720, sub: 360 } as const

/**
 * The x264 output arguments of every H.264 viewing copy (live, playback, evidence): the
 * `veryfast` preset (`fast` cost 2.2 times as much CPU for the same minute here;
 * docs/benchmarks.md), no B-frames so each segment's timestamps stay those of the
 * original, a keyframe every second so players can start and seek anywhere.
 */
export function h264Args(height: number, fps = 15) {
  return [
    '-vf',
    `scale=-2:'min(${height},ih)'`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-bf',
    '0',
    '-g',
    String(fps),
    '-crf',
    '23',
  ]
}

/**
 * What one 1080p → 720p H.264 rendition costs, in cores: a live 2 Mbit/s H.265 camera used
 * 0.40 of a core on the 2-core reference machine, playback 0.30 per second of footage
 * (`npm run bench:footage`, docs/benchmarks.md). The larger is the one counted.
 */
export const RENDITION_CORE_SHARE = 0.4

export const TRANSCODE_SETTINGS_KEY = 'footage.transcoding'

export interface TranscodeSettings {
  /** How many H.264 renditions (live or playback) may run at once. */
  maxTranscodes: number
}

/**
 * By default the renditions may use half the machine's cores; the other half stays with
 * the recorder and the web. On the 2-core reference machine that is 2 at 0.40 core each.
 */
export function defaultTranscodeSettings(cores = os.cpus().length): TranscodeSettings {
  return { maxTranscodes: Math.max(1, Math.floor((cores * 0.5) / RENDITION_CORE_SHARE)) }
}

export async function transcodeSettings() {
  return readSetting(TRANSCODE_SETTINGS_KEY, defaultTranscodeSettings())
}

export async function saveTranscodeSettings(actor: AuditActor, value: TranscodeSettings) {
  await writeSetting({
    actor,
    key: TRANSCODE_SETTINGS_KEY,
    defaults: defaultTranscodeSettings(),
    value,
  })
  transcodeSlots.forget()
}

/** Thrown when every transcode slot is in use: the viewer is told so in words. */
export class TranscodeBusyError extends Error {
  constructor(public limit: number) {
    super('every transcode slot is in use')
  }
}

/**
 * The count of renditions running in this web process, against the setting. `take` answers
 * a release function, or throws TranscodeBusyError when every slot is in use: the caller
 * then tells the user in words (never a spinner).
 */
class TranscodeSlots {
  #used = 0
  #limit: { value: number; readAt: number } | null = null

  async limit() {
    if (!this.#limit || Date.now() - this.#limit.readAt > 30_000) {
      this.#limit = { value: (await transcodeSettings()).maxTranscodes, readAt: Date.now() }
    }
    return this.#limit.value
  }

  async take(): Promise<() => void> {
    const limit = await this.limit()
    if (this.#used >= limit) throw new TranscodeBusyError(limit)
    this.#used++
    let released = false
    return () => {
      if (released) return
      released = true
      this.#used--
    }
  }

  get used() {
    return this.#used
  }

  forget() {
    this.#limit = null
  }
}

export const transcodeSlots = new TranscodeSlots()
