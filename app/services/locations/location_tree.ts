import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { readSetting, writeSetting } from '#services/settings/app_settings'
import type { AuditActor } from '#services/audit'

/**
 * The location tree's two questions, answered once: which locations lie under a location
 * (itself included), and how cameras count per location at the level the committee reports
 * by.
 */

/** A location and every location under it. */
export async function subtreeIds(rootId: number, client?: TransactionClientContract) {
  const rows = await (client ?? db).rawQuery(
    `WITH RECURSIVE tree AS (
       SELECT id FROM locations WHERE id = ?
       UNION ALL SELECT l.id FROM locations l JOIN tree ON l.parent_id = tree.id
     )
     SELECT id FROM tree`,
    [rootId]
  )
  return (rows.rows as { id: number }[]).map((r) => r.id)
}

/**
 * The level locations are counted at in the report and on the dashboard: `'auto'` is the
 * level under the commune (the first location on each path that is not a commune: routes,
 * villages and points, as the seed report counts them, whether the commune was entered as
 * the root or not); a number is that depth from the top (1 = the top level).
 */
export type ReportLevel = 'auto' | 1 | 2 | 3 | 4
export const REPORT_LEVELS: ReportLevel[] = ['auto', 1, 2, 3, 4]
export const REPORT_LEVEL_KEY = 'reports.location_level'

export async function savedReportLevel(): Promise<ReportLevel> {
  const { level } = await readSetting<{ level: ReportLevel }>(REPORT_LEVEL_KEY, { level: 'auto' })
  return REPORT_LEVELS.includes(level) ? level : 'auto'
}

export async function saveReportLevel(actor: AuditActor, level: ReportLevel) {
  if ((await savedReportLevel()) === level) return
  await writeSetting({
    actor,
    key: REPORT_LEVEL_KEY,
    defaults: { level: 'auto' as ReportLevel },
    value: { level },
  })
}

/** `'auto'`, `'1'`…`'4'` from a form or query string; anything else is null. */
export function reportLevelFrom(input: unknown): ReportLevel | null {
  if (input === 'auto') return 'auto'
  const n = Number(input)
  return REPORT_LEVELS.includes(n as ReportLevel) ? (n as ReportLevel) : null
}

export interface LocationCount {
  id: number
  name: string
  /** Cameras not retired, under this location. */
  cameras: number
  active: number
}

/**
 * Cameras per location at the report level, in the order locations were entered. A camera
 * fixed to a location above that level (e.g. to the commune itself) counts at its own
 * location, which is listed only when it has cameras.
 */
export async function camerasPerLocation(level: ReportLevel): Promise<LocationCount[]> {
  const depth = level === 'auto' ? null : level
  const rows = await db.rawQuery(
    `WITH RECURSIVE tree AS (
       SELECT id, 1 AS depth, ARRAY[id] AS path, ARRAY[kind::text] AS kinds
         FROM locations WHERE parent_id IS NULL
       UNION ALL
       SELECT l.id, tree.depth + 1, tree.path || l.id, tree.kinds || l.kind::text
         FROM locations l JOIN tree ON l.parent_id = tree.id
     ),
     placed AS (
       SELECT id, depth,
              -- A commune above every level counts as above it (depth + 1): it is listed
              -- only for cameras fixed to it directly.
              coalesce(?::int,
                       (SELECT min(i) FROM generate_subscripts(kinds, 1) i WHERE kinds[i] <> 'commune'),
                       depth + 1) AS level,
              path
         FROM tree
     ),
     grouped AS (
       SELECT id, path[least(depth, level)] AS group_id, depth >= level AS at_level FROM placed
     )
     SELECT g.id, g.name,
            count(c.id) FILTER (WHERE c.status <> 'retired')::int AS cameras,
            count(c.id) FILTER (WHERE c.status = 'active')::int AS active,
            bool_or(grouped.at_level) AS at_level
       FROM grouped
       JOIN locations g ON g.id = grouped.group_id
       LEFT JOIN cameras c ON c.location_id = grouped.id
      GROUP BY g.id, g.name
     HAVING bool_or(grouped.at_level) OR count(c.id) FILTER (WHERE c.status <> 'retired') > 0
      ORDER BY g.id`,
    [depth as any]
  )
  return (rows.rows as Record<string, any>[]).map((r) => ({
    id: Number(r.id),
    name: r.name as string,
    cameras: Number(r.cameras),
    active: Number(r.active),
  }))
}
