import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import { GAP_TOLERANCE_MS } from '#services/footage/segments'
import { downtimeByMonth } from '#services/tickets/downtime'

/** What came of a footage request, as the police chief reads it. */
export type CaseOutcome = 'exported' | 'in_progress' | 'no_clip'

export interface MonthCase {
  id: number
  caseNumber: string
  caseType: string
  agency: string
  requestedOn: string
  status: string
  clips: number
  outcome: CaseOutcome
  /** Seconds asked for, and seconds of them with no footage (a gap in the recording). */
  askedSeconds: number
  missingSeconds: number
  /** Cameras whose footage had a gap in the window asked for. */
  gapCameras: string[]
}

interface ClipRow {
  case_id: number
  code: string
  asked_s: string | number
  covered_s: string | number
}

/**
 * The police chief's month: footage requests (evidence cases asked for in the month) with
 * what came of them and whether a recording gap left part of the asked window without
 * footage; cameras without recording in the month and for how long (the same downtime rule
 * as the dashboard); and the counts the committee reads first.
 */
export async function policeMonth(month: string, now: DateTime = DateTime.now()) {
  const start = DateTime.fromISO(`${month}-01`, { zone: DISPLAY_ZONE })
  const end = start.plus({ months: 1 })
  // Up to now in the current month; a past month up to its last instant (still in it).
  const until = now < end ? now : end.minus({ milliseconds: 1 })
  const cases = await db
    .from('evidence_cases as c')
    .where('c.requested_on', '>=', start.toISODate()!)
    .where('c.requested_on', '<', end.toISODate()!)
    .orderBy('c.requested_on')
    .orderBy('c.id')
    .select('c.id', 'c.case_number', 'c.case_type', 'c.requesting_agency', 'c.requested_on')
    .select('c.status')
    .select(
      db.raw(
        `exists (select 1 from evidence_exports e where e.case_id = c.id and e.status = 'done') as exported`
      )
    )
  // Per clip: the window asked for and how much of it the recordings cover.
  const clips: ClipRow[] = cases.length
    ? (
        await db.rawQuery(
          `SELECT k.case_id, cam.code,
                  extract(epoch FROM k.ends_at - k.starts_at) AS asked_s,
                  coalesce((SELECT sum(extract(epoch FROM least(s.ended_at, k.ends_at) - greatest(s.started_at, k.starts_at)))
                              FROM recording_segments s
                             WHERE s.camera_id = k.camera_id AND s.started_at < k.ends_at AND s.ended_at > k.starts_at), 0) AS covered_s
             FROM evidence_clips k JOIN cameras cam ON cam.id = k.camera_id
            WHERE k.case_id = ANY(?)`,
          [cases.map((c) => c.id)]
        )
      ).rows
    : []
  const tolerance = GAP_TOLERANCE_MS / 1000
  const rows: MonthCase[] = cases.map((c) => {
    const own = clips.filter((k) => k.case_id === c.id)
    const lacking = (k: ClipRow) => Math.max(0, Number(k.asked_s) - Number(k.covered_s))
    const asked = own.reduce((s, k) => s + Number(k.asked_s), 0)
    const short = own.filter((k) => lacking(k) > tolerance)
    const missing = short.reduce((s, k) => s + lacking(k), 0)
    return {
      id: c.id,
      caseNumber: c.case_number,
      caseType: c.case_type,
      agency: c.requesting_agency,
      requestedOn: c.requested_on,
      status: c.status,
      clips: own.length,
      outcome: c.exported ? 'exported' : own.length ? 'in_progress' : 'no_clip',
      askedSeconds: Math.round(asked),
      missingSeconds: Math.round(missing),
      gapCameras: [...new Set(short.map((k) => k.code))].sort(),
    }
  })
  const downtime = await downtimeByMonth(1, until)
  return {
    month,
    label: start.toFormat('MM/yyyy'),
    cases: rows,
    casesWithGap: rows.filter((r) => r.missingSeconds > 0),
    exported: rows.filter((r) => r.outcome === 'exported').length,
    downtime: downtime.cameras.map((c) => ({
      cameraId: c.cameraId,
      code: c.code,
      name: c.name,
      hours: c.total,
    })),
    downtimeHours: downtime.totals[0] ?? 0,
  }
}
