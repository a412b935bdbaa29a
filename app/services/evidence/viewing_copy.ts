import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { h264Args } from '#services/footage/viewing'

const run = promisify(execFile)

/** Taller than any camera: the viewing copy keeps the original's size. */
const KEEP_SIZE = 4320

/**
 * An H.264 copy of an exported H.265 clip, for an agency whose player cannot open H.265.
 * It is derived, not evidence: the original MP4 beside it is the footage as recorded. The
 * manifest says so and how it was made (`describeViewingCopy`); both are hashed.
 */
export async function makeViewingCopy(bin: FfmpegBinaries, original: string, outPath: string) {
  await run(
    bin.ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      '-i',
      original,
      '-map',
      '0:v',
      '-map',
      '0:a?',
      ...h264Args(KEEP_SIZE),
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-map_metadata',
      '0',
      '-movflags',
      '+faststart',
      outPath,
    ],
    { maxBuffer: 1024 * 1024 }
  )
}

/** How the copy was made, for the manifest. */
export function describeViewingCopy(bin: FfmpegBinaries, original: string) {
  return {
    derived_from: original,
    purpose: 'viewing copy for players without H.265; not the original footage',
    method: `ffmpeg ${bin.version}: libx264 ${h264Args(KEEP_SIZE).join(' ')}, audio aac 64k`,
  }
}
