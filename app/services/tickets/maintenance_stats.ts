import db from '@adonisjs/lucid/services/db'

const HOUR = 3600_000

export interface ReliabilityRow {
  key: string
  label: string
  failures: number
  /** Mean time to repair (opened -> resolved), hours; null without a resolved failure. */
  mttrHours: number | null
  /** Mean time between failures: hours in service minus repair time, per failure. */
  mtbfHours: number | null
}

interface Failure {
  camera_id: number
  category: string
  opened_at: Date
  resolved_at: Date | null
}

/**
 * MTTR and MTBF over [from, to) from corrective tickets opened in the period, per camera,
 * per location and per cause, and the five least reliable cameras. A camera is in service
 * from the later of `from` and its installation (or registration); time under repair
 * (opened -> resolved, or -> `to` while still open) is not service time.
 */
export async function maintenanceStats(range: { from: Date; to: Date }) {
  const from = range.from.getTime()
  const to = range.to.getTime()
  const cameras: { id: number; code: string; name: string; location_id: number; since: Date }[] =
    await db
      .from('cameras')
      .whereNot('status', 'retired')
      .select('id', 'code', 'name', 'location_id')
      .select(db.raw('coalesce(installed_on::timestamptz, created_at) as since'))
  const locations = new Map(
    (await db.from('locations').select('id', 'name')).map((l) => [l.id, l.name as string])
  )
  const failures: Failure[] = await db
    .from('maintenance_tickets')
    .where('kind', 'corrective')
    .whereNot('status', 'cancelled')
    .where('opened_at', '>=', range.from)
    .where('opened_at', '<', range.to)
    .select('camera_id', 'category', 'opened_at', 'resolved_at')

  const serviceHours = new Map<number, number>()
  for (const c of cameras) {
    const start = Math.max(from, new Date(c.since).getTime())
    const repairs = failures
      .filter((f) => f.camera_id === c.id)
      .reduce(
        (sum, f) => sum + (Math.min(to, f.resolved_at?.getTime() ?? to) - f.opened_at.getTime()),
        0
      )
    serviceHours.set(c.id, Math.max(0, to - start - repairs) / HOUR)
  }

  const row = (key: string, label: string, group: Failure[], hours: number): ReliabilityRow => {
    const repaired = group.filter((f) => f.resolved_at)
    const mttr = repaired.length
      ? repaired.reduce((s, f) => s + (f.resolved_at!.getTime() - f.opened_at.getTime()), 0) /
        repaired.length /
        HOUR
      : null
    return {
      key,
      label,
      failures: group.length,
      mttrHours: mttr === null ? null : round(mttr),
      mtbfHours: group.length ? round(hours / group.length) : null,
    }
  }
  const allHours = [...serviceHours.values()].reduce((a, b) => a + b, 0)

  // Each camera's row also carries its id and service hours (the upkeep forecast sums them).
  const byCamera = cameras.map((c) => ({
    ...row(
      c.code,
      c.name,
      failures.filter((f) => f.camera_id === c.id),
      serviceHours.get(c.id) ?? 0
    ),
    cameraId: c.id,
    serviceHours: serviceHours.get(c.id) ?? 0,
  }))
  const byLocation = [...new Set(cameras.map((c) => c.location_id))].map((locationId) => {
    const ids = new Set(cameras.filter((c) => c.location_id === locationId).map((c) => c.id))
    const hours = [...ids].reduce((s, id) => s + (serviceHours.get(id) ?? 0), 0)
    return row(
      String(locationId),
      locations.get(locationId) ?? '',
      failures.filter((f) => ids.has(f.camera_id)),
      hours
    )
  })
  const byCause = [...new Set(failures.map((f) => f.category))].map((category) =>
    row(
      category,
      category,
      failures.filter((f) => f.category === category),
      allHours
    )
  )
  const leastReliable = byCamera
    .filter((r) => r.failures > 0)
    .sort((a, b) => b.failures - a.failures || (a.mtbfHours ?? 0) - (b.mtbfHours ?? 0))
    .slice(0, 5)
  return {
    overall: row('all', 'all', failures, allHours),
    byCamera,
    byLocation,
    byCause,
    leastReliable,
  }
}

/** `from`/`to` as yyyy-mm-dd (to inclusive), or the last 30 days up to now. */
export function statsRange(from?: string, to?: string) {
  const end = to ? new Date(`${to}T00:00:00Z`).getTime() + 24 * HOUR : Date.now()
  const start = from ? new Date(`${from}T00:00:00Z`).getTime() : end - 30 * 24 * HOUR
  return { from: new Date(start), to: new Date(end) }
}

const round = (n: number) => Math.round(n * 100) / 100
