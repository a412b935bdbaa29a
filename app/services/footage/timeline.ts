import db from '@adonisjs/lucid/services/db'
import { communeDay } from '#services/dates'
import { gapsIn, segmentsBetween, type IndexedSegment } from '#services/footage/segments'
import { discontinuous } from '#services/footage/playlist'
import { GAP_TOLERANCE_MS } from '#recorder/contract'

export interface DayTimeline {
  day: string
  dayStart: number
  dayEnd: number
  /**
   * Recorded spans (ms since epoch), each a run of segments without a gap; `fromCard` spans
   * were fetched back from the camera's SD card.
   */
  spans: { from: number; to: number; fromCard: boolean }[]
  gaps: { from: number; to: number; seconds: number; reason: string | null }[]
  /** Maintenance tickets opened or resolved that day. */
  events: { at: number; label: string; ticketId: number }[]
  segments: IndexedSegment[]
}

/**
 * A camera's calendar day in the commune (00:00–24:00, or until now for today): what was
 * recorded, the gaps with the recorder's reason, and maintenance events, for the 24 h bar.
 */
export async function dayTimeline(
  cameraId: number,
  day: string,
  now = new Date()
): Promise<DayTimeline> {
  const start = communeDay(day)
  const from = start.toJSDate()
  const end = new Date(Math.min(start.plus({ days: 1 }).toMillis(), now.getTime()))
  const segments = end > from ? await segmentsBetween(cameraId, from, end) : []
  const spans: DayTimeline['spans'] = []
  for (const [i, s] of segments.entries()) {
    const a = Math.max(s.startedAt.getTime(), from.getTime())
    const b = Math.min(s.endedAt.getTime(), end.getTime())
    const last = spans.at(-1)
    const sameKind = last?.fromCard === s.fromCard
    if (i > 0 && last && sameKind && !discontinuous(segments[i - 1], s)) last.to = b
    else if (last && sameKind && a - last.to <= GAP_TOLERANCE_MS) last.to = b
    else spans.push({ from: a, to: b, fromCard: s.fromCard })
  }
  const gaps = end > from ? await gapsIn(cameraId, segments, from, end) : []
  const tickets = await db
    .from('maintenance_tickets')
    .where('camera_id', cameraId)
    .where((q) =>
      q.whereBetween('opened_at', [from, end]).orWhereBetween('resolved_at', [from, end])
    )
    .select('id', 'title', 'opened_at', 'resolved_at')
  const events: DayTimeline['events'] = []
  for (const t of tickets) {
    if (t.opened_at >= from && t.opened_at <= end) {
      events.push({ at: t.opened_at.getTime(), label: `#${t.id} ${t.title}`, ticketId: t.id })
    }
    if (t.resolved_at && t.resolved_at >= from && t.resolved_at <= end) {
      events.push({ at: t.resolved_at.getTime(), label: `#${t.id} ✓`, ticketId: t.id })
    }
  }
  return {
    day: start.toISODate()!,
    dayStart: from.getTime(),
    dayEnd: start.plus({ days: 1 }).toMillis(),
    spans,
    gaps: gaps.map((g) => ({
      from: g.from.getTime(),
      to: g.to.getTime(),
      seconds: g.seconds,
      reason: g.reason,
    })),
    events,
    segments,
  }
}
