import { CASE_TYPES } from '#actions/evidence/cases'
import { recentRecoveries } from '#services/footage/edge_summary'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { subtreeIds } from '#services/locations/location_tree'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import Camera from '#models/camera'
import Location from '#models/location'
import liveStreams, { LIVE_SEGMENT_PREFIX, type LiveVariant } from '#services/footage/live_streams'
import renditionCache from '#services/footage/rendition_cache'
import {
  needsRendition,
  reportedDecodes,
  TranscodeBusyError,
  transcodeSlots,
} from '#services/footage/viewing'
import { buildPlaylist } from '#services/footage/playlist'
import { lastRecordedCodec, segmentsBetween } from '#services/footage/segments'
import { dayTimeline } from '#services/footage/timeline'
import { sendFileWithRanges } from '#services/footage/send_file'
import { liveValidator, playbackValidator, playbackPickValidator } from '#validators/evidence'
import { actorFromContext, recordAudit } from '#services/audit'
import { DISPLAY_ZONE, communeDay } from '#services/dates'

/**
 * Footage for the police operator: live (grid and single camera), playback of a day, and
 * the files behind them, only by id. Every live view and every playback is audited.
 */
export default class FootageController {
  /** A grid of live cameras (sub streams), all or one location with what is under it. */
  async live(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const { location_id: locationId } = await liveValidator.validate(ctx.request.qs())
    const query = Camera.query()
      .where('status', 'active')
      .whereNotNull('main_stream_url')
      .preload('location')
      .orderBy('code')
    if (locationId) {
      query.whereIn('location_id', await subtreeIds(locationId))
    }
    const cameras = await query
    await recordAudit({
      actor: actorFromContext(ctx),
      action: 'footage.live',
      entityType: 'camera',
      entityId: cameras.length === 1 ? cameras[0].id : null,
      after: { cameraIds: cameras.map((c) => c.id), locationId: locationId ?? null },
    })
    return ctx.view.render('pages/footage/live', {
      cameras,
      single: false,
      locationId: locationId ?? null,
      locations: await Location.query().orderBy('name'),
      transcodeLimit: await transcodeSlots.limit(),
    })
  }

  /** One camera live, main stream. */
  async liveOne(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const camera = await Camera.query().where('id', ctx.params.id).preload('location').firstOrFail()
    await recordAudit({
      actor: actorFromContext(ctx),
      action: 'footage.live',
      entityType: 'camera',
      entityId: camera.id,
      after: { cameraIds: [camera.id], variant: 'main' },
    })
    return ctx.view.render('pages/footage/live', {
      cameras: [camera],
      single: true,
      locations: [],
      transcodeLimit: await transcodeSlots.limit(),
    })
  }

  /**
   * A camera's live playlist as this viewer can play it: the copy, or the H.264 rendition
   * when the player reported (`?decodes=`) that the browser cannot decode the camera's
   * codec. Past the transcode cap the answer is 503 with the reason in words.
   */
  async livePlaylist(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const camera = await Camera.findOrFail(ctx.params.id)
    if (!camera.mainStreamUrl) return ctx.response.notFound()
    const decodes = reportedDecodes(ctx.request.input('decodes'))
    try {
      const live = await liveStreams.open(camera, ctx.params.variant as LiveVariant, decodes)
      ctx.response.header('Content-Type', 'application/vnd.apple.mpegurl')
      ctx.response.header('Cache-Control', 'no-store')
      ctx.response.header('X-Live-Kind', live.kind)
      return await readFile(join(live.dir, 'index.m3u8'), 'utf8')
    } catch (error) {
      return unavailable(ctx, error)
    }
  }

  async liveSegment(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const file: string = ctx.params.file
    const kind = file.startsWith(`${LIVE_SEGMENT_PREFIX.h264}_`) ? 'h264' : 'copy'
    const dir = liveStreams.touch(Number(ctx.params.id), ctx.params.variant as LiveVariant, kind)
    if (!dir) return ctx.response.notFound()
    ctx.response.header('Cache-Control', 'no-store')
    return sendFileWithRanges(ctx, join(dir, file), 'video/mp2t').catch(() =>
      ctx.response.notFound()
    )
  }

  /** The dashboard's "Xem lại" form (a camera and a day) opens that camera's playback page. */
  async pick(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const { camera_id: id, day } = await playbackPickValidator.validate(ctx.request.qs())
    return ctx.response.redirect().toRoute('footage.playback', { id }, { qs: { day } })
  }

  /** The playback page: a day's 24 h bar and the player. */
  async playback(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const camera = await Camera.query().where('id', ctx.params.id).preload('location').firstOrFail()
    const { day } = await playbackValidator.validate(ctx.request.qs())
    const chosen =
      day && DateTime.fromISO(day).isValid ? day : DateTime.now().setZone(DISPLAY_ZONE).toISODate()!
    const timeline = await dayTimeline(camera.id, chosen)
    const previous = DateTime.fromISO(chosen).minus({ days: 1 }).toISODate()
    const next = DateTime.fromISO(chosen).plus({ days: 1 }).toISODate()
    return ctx.view.render('pages/footage/playback', {
      camera,
      recordsHevc: (await lastRecordedCodec(camera.id)) === 'hevc',
      transcodeLimit: await transcodeSlots.limit(),
      timeline,
      previous,
      next,
      recoveries: await recentRecoveries(camera.id, 50, {
        from: new Date(timeline.dayStart),
        to: new Date(timeline.dayEnd),
      }),
      cameras: await Camera.query().whereNotNull('main_stream_url').orderBy('code'),
      evidence: {
        openCases: await db
          .from('evidence_cases')
          .where('status', 'open')
          .orderBy('id', 'desc')
          .select('id', 'case_number', 'description'),
        // The last recorded hour of the day as a starting point for the window.
        ...lastHour(timeline),
        caseTypes: CASE_TYPES,
      },
    })
  }

  /** HLS VOD playlist of a camera's day, built from the segment index; audited as a view. */
  async playlist(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const camera = await Camera.findOrFail(ctx.params.id)
    const { day } = await playbackValidator.validate(ctx.request.qs())
    const start = communeDay(day ?? '')
    if (!start.isValid) return ctx.response.badRequest(ctx.i18n.t('footage.bad_day'))
    const from = start.toJSDate()
    const to = start.plus({ days: 1 }).toJSDate()
    const segments = await segmentsBetween(camera.id, from, to)
    await recordAudit({
      actor: actorFromContext(ctx),
      action: 'footage.view',
      entityType: 'camera',
      entityId: camera.id,
      after: { day, segments: segments.length },
    })
    // Segments the browser cannot decode are served as their H.264 copies.
    const decodes = reportedDecodes(ctx.request.input('decodes'))
    ctx.response.header('Content-Type', 'application/vnd.apple.mpegurl')
    ctx.response.header('Cache-Control', 'private, no-cache')
    return buildPlaylist(segments, (s) =>
      needsRendition(s.videoCodec, decodes)
        ? `/footage/segments/${s.id}/h264.ts`
        : `/footage/segments/${s.id}`
    )
  }

  /** One recorded segment by id, with range requests for seeking. */
  async segment(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const row = await db.from('recording_segments').where('id', ctx.params.id).first()
    if (!row) return ctx.response.notFound()
    ctx.response.header('Cache-Control', 'private, max-age=86400')
    return sendFileWithRanges(ctx, row.path, 'video/mp2t').catch(() => ctx.response.notFound())
  }

  /** A recorded segment's H.264 copy for browsers without its codec, made on first ask. */
  async segmentRendition(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const row = await db.from('recording_segments').where('id', ctx.params.id).first()
    if (!row) return ctx.response.notFound()
    let path: string
    try {
      path = await renditionCache.path({ id: Number(row.id), path: row.path })
    } catch (error) {
      return unavailable(ctx, error, 'footage.rendition_failed')
    }
    ctx.response.header('Cache-Control', 'private, max-age=86400')
    return sendFileWithRanges(ctx, path, 'video/mp2t').catch(() => ctx.response.notFound())
  }
}

/**
 * Why footage cannot be shown, in the viewer's language: 503 when every transcode slot is
 * taken (try later), 502 when the camera did not answer or ffmpeg failed.
 */
function unavailable(ctx: HttpContext, error: unknown, failed = 'footage.live_unavailable') {
  if (error instanceof TranscodeBusyError) {
    ctx.response.header('Retry-After', '15')
    return ctx.response
      .status(503)
      .send(ctx.i18n.t('footage.transcode_busy', { limit: error.limit }))
  }
  return ctx.response.status(502).send(ctx.i18n.t(failed))
}

/** `from`/`to` for a datetime-local field: the day's last recorded hour (commune time). */
function lastHour(timeline: { spans: { to: number }[]; dayStart: number }) {
  const end = timeline.spans.at(-1)?.to ?? timeline.dayStart + 3_600_000
  const local = (ms: number) =>
    DateTime.fromMillis(ms, { zone: DISPLAY_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm")
  return { from: local(Math.max(timeline.dayStart, end - 3_600_000)), to: local(end) }
}
