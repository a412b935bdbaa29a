import Camera from '#models/camera'
import Location from '#models/location'
import { liveStatus } from '#services/cameras/live_status'
import { normalizeName } from '#services/text_match'

/** Cameras with location and household, filtered, by code; each with its live status. */
export async function camerasWithStatus(filters: {
  status?: string | null
  locationId?: number | null
  q?: string | null
}) {
  const query = Camera.query().preload('location').preload('household').orderBy('code')
  if (filters.status) query.where('status', filters.status)
  if (filters.locationId) {
    const ids = await locationSubtree(filters.locationId)
    query.whereIn('location_id', ids)
  }
  const cameras = await query
  const q = filters.q ? normalizeName(filters.q) : ''
  return cameras
    .filter(
      (c) => !q || normalizeName(`${c.code} ${c.name} ${c.addressDescription ?? ''}`).includes(q)
    )
    .map((camera) => ({ camera, live: liveStatus(camera) }))
}

/** A location and everything under it. */
export async function locationSubtree(rootId: number): Promise<number[]> {
  const all = await Location.query().select('id', 'parent_id')
  const ids = [rootId]
  for (let i = 0; i < ids.length; i++) {
    for (const l of all) if (l.parentId === ids[i]) ids.push(l.id)
  }
  return ids
}

/** The location tree, depth-first, with each node's depth (for indented lists). */
export async function locationTree() {
  const all = await Location.query().orderBy('name')
  const out: Array<{ location: Location; depth: number; path: string }> = []
  const walk = (parentId: number | null, depth: number, prefix: string) => {
    for (const l of all.filter((x) => x.parentId === parentId)) {
      const path = prefix ? `${prefix} › ${l.name}` : l.name
      out.push({ location: l, depth, path })
      walk(l.id, depth + 1, path)
    }
  }
  walk(null, 0, '')
  return out
}
