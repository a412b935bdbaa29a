import type { RecorderStore } from '#recorder/segment_indexer'

/** A client that can run a unit of work in one transaction (Lucid's `db` satisfies it). */
export interface LeaseStore {
  transaction<T>(work: (trx: LeaseClient) => Promise<T>): Promise<T>
}
interface LeaseClient {
  rawQuery(sql: string, bindings?: any): PromiseLike<any>
}

export interface Lease {
  cameraId: number
  /** Set when this node just took the camera over from a node whose lease ran out. */
  takenFrom: string | null
}

export interface ClaimOptions {
  node: string
  /** A lease not renewed for this long is free for another node (default 20 s). */
  ttlSeconds?: number
  /** Restrict the claim to these cameras (tests, one-camera tools). */
  only?: number[]
}

/**
 * A camera a recorder may take: active, recording switched on, with a stream URL, and
 * pinned to no node or to this one. The one place this rule is written.
 */
const RECORDABLE_FOR_NODE = `c.status = 'active' and c.recording_enabled and c.main_stream_url is not null
  and (c.pinned_node is null or c.pinned_node = :node)`

/** The advisory lock key that serialises lease passes ("CAML" in ASCII). */
const LEASE_PASS_LOCK = 0x43414d4c

/**
 * One lease pass, in one transaction, run with every supervisor poll (5 s):
 *  1. leases on cameras this node may no longer record (disabled, pinned elsewhere) are
 *     given up; the rest are renewed;
 *  2. free cameras (no lease yet, or a lease that ran out because its node died) are taken,
 *     up to this node's fair share of the cameras among the live nodes, so nodes that start
 *     together split the cameras. Passes are serialised by an advisory lock, so two nodes
 *     never reach for the same free camera.
 * Returns every camera this node holds after the pass.
 */
export async function claimLeases(store: LeaseStore, options: ClaimOptions): Promise<Lease[]> {
  const ttl = options.ttlSeconds ?? 20
  const node = options.node
  const only = options.only ?? null
  const scope = only ? 'and c.id = any(cast(:only as int[]))' : ''
  // A Postgres array literal: Knex would expand a JS array into a list.
  const params = { node, ttl, only: `{${(only ?? []).map(Number).join(',')}}` }

  return store.transaction(async (trx) => {
    const q = (sql: string) => trx.rawQuery(sql, params)
    // One pass at a time across all nodes: a pass that ran beside another read the free
    // cameras before the other's insert was committed, reached for the same one and took
    // nothing (a CI run caught it). Passes are a few milliseconds every 5 s per node, so
    // waiting for each other costs nothing.
    await q(`select pg_advisory_xact_lock(${LEASE_PASS_LOCK})`)
    await q(
      `delete from camera_leases l using cameras c
       where l.camera_id = c.id and l.node_id = :node and not (${RECORDABLE_FOR_NODE})`
    )
    const renewed = await q(
      `update camera_leases set expires_at = now() + make_interval(secs => :ttl)
       where node_id = :node returning camera_id`
    )
    const held: Lease[] = renewed.rows.map((r: any) => ({ cameraId: r.camera_id, takenFrom: null }))

    // Fair share: the recordable cameras not pinned elsewhere, split among live nodes.
    const share = await q(
      `select
         (select count(*) from cameras c where ${RECORDABLE_FOR_NODE} ${scope})::int as cameras,
         (select count(*) from cameras c where ${RECORDABLE_FOR_NODE} ${scope}
            and c.pinned_node = :node)::int as pinned,
         greatest(1, (select count(*) from recorder_nodes where stopped_at is null
            and last_beat_at > now() - make_interval(secs => :ttl) and id <> :node) + 1)::int as nodes`
    )
    const { cameras, pinned, nodes } = share.rows[0]
    const room = Math.max(0, Math.ceil((cameras - pinned) / nodes) + pinned - held.length)
    if (room === 0) return held

    // Cameras without a lease row: insert races end in "do nothing" for the loser.
    const inserted = await q(
      `insert into camera_leases (camera_id, node_id, acquired_at, expires_at)
       select c.id, :node, now(), now() + make_interval(secs => :ttl) from cameras c
       where ${RECORDABLE_FOR_NODE} ${scope}
         and not exists (select 1 from camera_leases l where l.camera_id = c.id)
       order by (c.pinned_node is null), c.code
       limit ${room}
       on conflict (camera_id) do nothing
       returning camera_id`
    )
    for (const r of inserted.rows) held.push({ cameraId: r.camera_id, takenFrom: null })
    const left = room - inserted.rows.length
    if (left <= 0) return held

    // Leases whose node stopped renewing them: taken over, the previous holder remembered
    // so its unfinished segments can be recovered.
    const expired = await q(
      `select l.camera_id, l.node_id from camera_leases l join cameras c on c.id = l.camera_id
       where l.expires_at < now() and l.node_id <> :node and ${RECORDABLE_FOR_NODE} ${scope}
       order by (c.pinned_node is null), c.code
       limit ${left}
       for update of l skip locked`
    )
    for (const r of expired.rows) {
      await trx.rawQuery(
        `update camera_leases set node_id = :node, previous_node_id = :previous,
           acquired_at = now(), expires_at = now() + make_interval(secs => :ttl)
         where camera_id = :camera`,
        { ...params, previous: r.node_id, camera: r.camera_id }
      )
      held.push({ cameraId: r.camera_id, takenFrom: r.node_id })
    }
    return held
  })
}

/** Gives up every lease of this node (a clean stop), so another node takes over at once. */
export async function releaseLeases(store: RecorderStore, node: string) {
  await store.rawQuery('delete from camera_leases where node_id = ?', [node])
}
