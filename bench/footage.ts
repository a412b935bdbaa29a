import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from '@adonisjs/core/logger'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { segmentsBetween } from '#services/footage/segments'
import { buildPlaylist } from '#services/footage/playlist'
import { dayTimeline } from '#services/footage/timeline'
import { addClips, createCase } from '#actions/evidence/cases'
import { buildExport, requestExport } from '#actions/evidence/export_package'
import { verifyPackage } from '#services/evidence/verify_package'
import { measure, table, type Measurement } from '#bench/support'
import { benchCameras, flag } from '#bench/recorder_support'
import User from '#models/user'
import { benchTranscode } from '#bench/transcode'

const run = promisify(execFile)

/**
 * Footage at the sizes the issue names:
 *  1. the HLS playlist (and the playback page's timeline) for 24 h of one camera whose index
 *     holds a year of 60 s segments (525,600 rows), 20 times each: median and slowest;
 *  2. an evidence export of 1 h of real H.264 footage (60 segments of 60 s at about
 *     2 Mbit/s, 1280×720, as a household camera's main stream), and verifying the package;
 *  3. the H.264 copies an H.265 camera needs in most browsers (bench/transcode.ts).
 */
export default async function bench(logger: Logger, flags: Record<string, unknown>) {
  const bitrate = flag(flags, 'kbps', 2000)
  const [cameraId] = await benchCameras(1, () => 'rtsp://127.0.0.1:1/bench')
  const camera = { id: cameraId }
  const dir = await mkdtemp(join(tmpdir(), 'bench-footage-'))
  const rows: Measurement[] = []
  try {
    // A year of 60 s segments, one run per day (a daily reboot), a 5-minute gap each day.
    const yearStart = new Date('2025-11-28T17:00:00Z')
    await db.rawQuery(
      `INSERT INTO recording_runs (id, camera_id, started_at, ended_at, end_reason)
       SELECT d, ?, ?::timestamptz + (d || ' days')::interval + interval '5 minutes',
              ?::timestamptz + ((d + 1) || ' days')::interval, 'recorder_stopped'
         FROM generate_series(0, 364) d`,
      [camera.id, yearStart, yearStart]
    )
    const { measurement: indexed } = await measure(
      'index a year of 60 s segments (525,600 rows)',
      () =>
        db.rawQuery(
          `INSERT INTO recording_segments (camera_id, run_id, started_at, ended_at, duration_ms, bytes, path, sha256)
         SELECT ?, m / 1440, t, t + interval '60 seconds', 60000, 15000000,
                '/bench/' || m || '.ts', repeat('a', 64)
           FROM generate_series(0, 525599) m,
                LATERAL (SELECT ?::timestamptz + (m || ' minutes')::interval AS t) x
          WHERE m % 1440 >= 5`,
          [camera.id, yearStart]
        )
    )
    rows.push(indexed)
    await db.rawQuery('ANALYZE recording_segments')
    const day = new Date('2026-06-14T17:00:00Z') // 15 June 2026 in the commune
    const to = new Date(day.getTime() + 86400_000)
    const times: number[] = []
    let playlist = ''
    for (let i = 0; i < 20; i++) {
      const { measurement, result } = await measure('playlist', async () =>
        buildPlaylist(await segmentsBetween(camera.id, day, to), (s) => `/footage/segments/${s.id}`)
      )
      times.push(measurement.ms)
      playlist = result
    }
    times.sort((a, b) => a - b)
    const timelineTimes: number[] = []
    for (let i = 0; i < 20; i++) {
      const { measurement } = await measure('timeline', () => dayTimeline(camera.id, '2026-06-15'))
      timelineTimes.push(measurement.ms)
    }
    timelineTimes.sort((a, b) => a - b)
    const entries = playlist.split('\n').filter((l) => l.startsWith('#EXTINF')).length
    logger.info(
      `playlist of 24 h (${entries} segments, ${playlist.length} bytes): median ${times[10]} ms, slowest ${times[19]} ms`
    )
    logger.info(
      `day timeline (page): median ${timelineTimes[10]} ms, slowest ${timelineTimes[19]} ms`
    )

    // One hour of real footage.
    const bin = await detectFfmpeg()
    const { measurement: encoded } = await measure('encode 60 s of 720p test footage', () =>
      run(bin.ffmpeg, [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=1280x720:rate=15',
        '-t',
        '60',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-b:v',
        `${bitrate}k`,
        '-maxrate',
        `${bitrate}k`,
        '-bufsize',
        `${bitrate * 2}k`,
        '-g',
        '30',
        '-bf',
        '0',
        '-pix_fmt',
        'yuv420p',
        '-f',
        'mpegts',
        join(dir, 'minute.ts'),
      ])
    )
    rows.push(encoded)
    // The same minute 60 times as one continuous stream, cut like the recorder cuts.
    await run(bin.ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-stream_loop',
      '59',
      '-i',
      join(dir, 'minute.ts'),
      '-c',
      'copy',
      '-f',
      'segment',
      '-segment_time',
      '60',
      '-reset_timestamps',
      '0',
      '-segment_format',
      'mpegts',
      join(dir, 'hour_%03d.ts'),
    ])
    const files = (await readdir(dir)).filter((f) => f.startsWith('hour_')).sort()
    // After the year of index rows above (which have no files), and already over.
    const hourStart = new Date('2026-11-28T18:00:00Z')
    let bytes = 0
    for (const [i, f] of files.entries()) {
      const size = (await stat(join(dir, f))).size
      bytes += size
      const startedAt = new Date(hourStart.getTime() + i * 60_000)
      await db.table('recording_segments').insert({
        camera_id: camera.id,
        run_id: 10_000,
        started_at: startedAt,
        ended_at: new Date(startedAt.getTime() + 60_000),
        duration_ms: 60_000,
        bytes: size,
        path: join(dir, f),
        sha256: 'b'.repeat(64),
      })
    }
    const user = await User.create({
      fullName: 'Cán bộ bench',
      email: 'bench@xa.test',
      password: 'mat-khau-du-dai',
      role: 'operator',
      locale: 'vi',
      passwordChangeRequired: false,
    })
    const operator = { id: user.id, label: 'bench', ip: null }
    const kase = await createCase({
      actor: operator,
      fields: {
        caseNumber: 'BENCH-1',
        caseType: 'traffic_accident',
        description: 'Benchmark: 1 h export',
        requestingAgency: 'Bench',
        requestingPerson: 'Bench',
        requestedOn: '2026-11-29',
      },
    })
    await addClips({
      actor: operator,
      caseId: kase.id,
      cameraIds: [camera.id],
      startsAt: hourStart,
      endsAt: new Date(hourStart.getTime() + 3600_000),
    })
    const exportRow = await requestExport({ actor: operator, caseId: kase.id })
    // Ready = the row says done (downloadable); the zip's own SHA-256 is computed after.
    const started = performance.now()
    let readyMs = 0
    const watch = setInterval(async () => {
      if (readyMs) return
      const r = await db.from('evidence_exports').where('id', exportRow.id).select('status').first()
      if (r?.status === 'done') readyMs = Math.round(performance.now() - started)
    }, 50)
    const { measurement: exported } = await measure(
      `export 1 h (${files.length} segments, ${Math.round(bytes / 1048576)} MiB), with the zip's own SHA-256`,
      () => buildExport(exportRow.id)
    )
    clearInterval(watch)
    rows.push({ ...exported, label: `export 1 h ready to download`, ms: readyMs })
    rows.push(exported)
    const done = await db.from('evidence_exports').where('id', exportRow.id).firstOrFail()
    const zip = app.makePath('storage/evidence', `case-${kase.id}`, done.file_name)
    const { measurement: verified, result } = await measure('verify the 1 h package', () =>
      verifyPackage(zip)
    )
    rows.push(verified)
    logger.info(`zip ${Math.round(done.bytes / 1048576)} MiB, intact: ${result.intact}`)
    await rm(app.makePath('storage/evidence', `case-${kase.id}`), { recursive: true, force: true })
    const transcode = await benchTranscode(logger, flags)
    console.log(
      JSON.stringify({
        playlist_24h_ms: { median: times[10], max: times[19] },
        timeline_24h_ms: { median: timelineTimes[10], max: timelineTimes[19] },
        segments_indexed: 525600 - 365 * 5,
        export_1h_ready_ms: readyMs,
        export_1h_with_zip_hash_ms: exported.ms,
        export_zip_mib: Math.round(done.bytes / 1048576),
        verify_1h_ms: verified.ms,
        transcode,
      })
    )
    console.log(table(rows))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
