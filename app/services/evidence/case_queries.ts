import db from '@adonisjs/lucid/services/db'
import AuditEvent from '#models/audit_event'

/** Every case, newest first, with how many clips it has (the case list). */
export function casesWithClipCounts() {
  return db
    .from('evidence_cases as c')
    .orderBy('c.id', 'desc')
    .select('c.*')
    .select(db.raw('(select count(*) from evidence_clips k where k.case_id = c.id)::int as clips'))
}

/**
 * One case as its page shows it: its clips (with camera code and name), its exports (with
 * who asked), its chain of custody, how many segments it holds from deletion, and whether
 * any clip covers H.265 footage (then the export can add H.264 viewing copies).
 */
export async function caseDetails(caseId: number) {
  const kase = await db.from('evidence_cases').where('id', caseId).firstOrFail()
  const clips = await db
    .from('evidence_clips as k')
    .join('cameras as c', 'c.id', 'k.camera_id')
    .where('k.case_id', kase.id)
    .orderBy('k.id')
    .select('k.*', 'c.code', 'c.name')
  const exports = await db
    .from('evidence_exports as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .where('e.case_id', kase.id)
    .orderBy('e.id', 'desc')
    .select('e.*', 'u.full_name')
  const custody = await AuditEvent.query()
    .where('entity_type', 'evidence_case')
    .where('entity_id', String(kase.id))
    .orderBy('id', 'asc')
  const held = await db.from('segment_holds').where('case_id', kase.id).count('* as n')
  const hevc = await db
    .from('evidence_clips as k')
    .join('recording_segments as s', (join) =>
      join
        .on('s.camera_id', 'k.camera_id')
        .andOn('s.started_at', '<', 'k.ends_at')
        .andOn('s.ended_at', '>', 'k.starts_at')
    )
    .where('k.case_id', kase.id)
    .where('s.video_codec', 'hevc')
    .select(db.raw('1'))
    .first()
  return { kase, clips, exports, custody, held: Number(held[0].n), hasHevc: Boolean(hevc) }
}

/** A case and how many clips it has (an export needs at least one). */
export async function caseClipCount(caseId: number) {
  const kase = await db.from('evidence_cases').where('id', caseId).firstOrFail()
  const clips = await db.from('evidence_clips').where('case_id', kase.id).count('* as n')
  return { kase, clips: Number(clips[0].n) }
}
