import db from '@adonisjs/lucid/services/db'
import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import yauzl from 'yauzl'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'

const run = promisify(execFile)

/** Index rows (and, when given, files) of one run of segments: [offsetSeconds, seconds]. */
export async function indexSegments(
  cameraId: number,
  base: Date,
  pieces: { at: number; seconds: number; path: string; run: number }[]
) {
  const ids: number[] = []
  for (const p of pieces) {
    const startedAt = new Date(base.getTime() + p.at * 1000)
    const [row] = await db
      .table('recording_segments')
      .insert({
        camera_id: cameraId,
        run_id: p.run,
        started_at: startedAt,
        ended_at: new Date(startedAt.getTime() + p.seconds * 1000),
        duration_ms: p.seconds * 1000,
        bytes: 1000,
        path: p.path,
        sha256: 'a'.repeat(64),
      })
      .returning('id')
    ids.push(Number(row.id ?? row))
  }
  return ids
}

/** Real H.264 MPEG-TS segments of 2 s whose timestamps run on, as the recorder writes them. */
export async function recordedSegments(dir: string, count: number) {
  const bin = await detectFfmpeg()
  await run(bin.ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=15',
    '-t',
    String(count * 2),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-g',
    '15',
    '-bf',
    '0',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'segment',
    '-segment_time',
    '2',
    '-reset_timestamps',
    '0',
    '-segment_format',
    'mpegts',
    join(dir, 'seg_%d.ts'),
  ])
  return (await readdir(dir))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(dir, f))
}

/** Every entry of a (small) zip, in memory: evidence packages in tests. */
export function readZip(path: string) {
  return new Promise<Map<string, Buffer>>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error)
      const files = new Map<string, Buffer>()
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err)
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      )
      zip.on('end', () => resolve(files))
      zip.readEntry()
    })
  })
}
