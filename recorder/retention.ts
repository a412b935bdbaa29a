import { mkdir, readdir, stat, statfs, unlink } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import type { RecorderStore } from '#recorder/segment_indexer'

export interface DiskSpace {
  totalBytes: number
  freeBytes: number
}

export interface RetentionOptions {
  store: RecorderStore
  root: string
  /**
   * The recorder node running this pass. With several nodes on their own disks, a node
   * deletes its own segments, and another node's only when the file is in its own folder
   * (nodes sharing one disk): a row whose file is elsewhere belongs to a disk this node
   * does not have, and is left to its node. The low-disk guard frees only files in this
   * node's folder (the disk it measures).
   */
  node: string
  /** Keep at least this share of the disk free (default 10 %)… */
  minFreeRatio?: number
  /** …and at least this many bytes (default 0); the larger of the two wins. */
  minFreeBytes?: number
  now?: () => Date
  disk?: (root: string) => Promise<DiskSpace>
  /**
   * Folders of files that are about to go away on their own (the web's upload temp
   * folder): their bytes count as free, so an upload in flight never makes room by
   * deleting footage.
   */
  transientDirs?: string[]
}

export interface RetentionResult {
  byAge: number
  byQuota: number
  byLowDisk: number
  bytesFreed: number
}

async function diskSpace(root: string): Promise<DiskSpace> {
  // A fresh install has no recordings folder until a camera records: make it, rather than
  // failing the pass (and logging ENOENT every 5 minutes) on a folder that will exist anyway.
  await mkdir(root, { recursive: true })
  const s = await statfs(root)
  return { totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize }
}

/** Total size of the files directly in these folders (missing folders count as empty). */
async function bytesIn(dirs: string[]) {
  let total = 0
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      total += (await stat(join(dir, name)).catch(() => null))?.size ?? 0
    }
  }
  return total
}

/** The file lies in this node's recordings folder and is there. */
async function inOwnFolder(path: string, root: string) {
  if (!resolve(path).startsWith(resolve(root) + sep)) return false
  return (await stat(path).catch(() => null)) !== null
}

const UNHELD = `not exists (select 1 from segment_holds h where h.segment_id = s.id)`

/**
 * One retention pass, oldest footage first, never touching a held segment:
 * 1. per camera, segments older than its retention days;
 * 2. per camera, the oldest segments beyond its quota (GB);
 * 3. across cameras, the oldest segments while the disk has less free space than
 *    max(minFreeRatio × size, minFreeBytes).
 * A segment's file is removed, then its index row. A node acts on its own rows (a file
 * already gone still loses its row) and on other nodes' rows only where it sees the file.
 */
export async function applyRetention(options: RetentionOptions): Promise<RetentionResult> {
  const now = options.now?.() ?? new Date()
  const result: RetentionResult = { byAge: 0, byQuota: 0, byLowDisk: 0, bytesFreed: 0 }

  /**
   * Own rows always (a file already gone still loses its row); another node's only when
   * its file is in this node's folder (nodes sharing one disk and RECORDINGS_DIR).
   */
  const mine = async (row: { path: string; recorder_node: string | null }) =>
    row.recorder_node === options.node || (await inOwnFolder(row.path, options.root))

  const remove = async (
    rows: Array<{ id: number; path: string; bytes: number; recorder_node: string | null }>
  ) => {
    let count = 0
    for (const row of rows) {
      if (!(await mine(row))) continue
      await unlink(row.path).catch((error) => {
        if (error.code !== 'ENOENT') throw error
      })
      await options.store.rawQuery('delete from recording_segments where id = ?', [row.id])
      result.bytesFreed += Number(row.bytes)
      count++
    }
    return count
  }

  const aged = await options.store.rawQuery(
    `select s.id, s.path, s.bytes, s.recorder_node from recording_segments s join cameras c on c.id = s.camera_id
     where s.ended_at < ?::timestamptz - make_interval(days => c.retention_days) and ${UNHELD}
     order by s.started_at`,
    [now]
  )
  result.byAge = await remove(aged.rows)

  const over = await options.store.rawQuery(
    `select s.id, s.path, s.bytes, s.recorder_node from (
       select s.*, sum(s.bytes) over (partition by s.camera_id order by s.started_at desc) as newer_bytes,
              c.quota_gb
       from recording_segments s join cameras c on c.id = s.camera_id
       where c.quota_gb is not null and ${UNHELD}
     ) s
     where s.newer_bytes > s.quota_gb * 1024 * 1024 * 1024
     order by s.started_at`
  )
  result.byQuota = await remove(over.rows)

  const measured = await (options.disk ?? diskSpace)(options.root)
  const disk = {
    ...measured,
    freeBytes: measured.freeBytes + (await bytesIn(options.transientDirs ?? [])),
  }
  const needFree = Math.max(
    disk.totalBytes * (options.minFreeRatio ?? 0.1),
    options.minFreeBytes ?? 0
  )
  // Oldest first, page by page (keyset on start and id): rows this node may not touch are
  // skipped without being read again, and only files on this disk count as freed.
  let missing = needFree - disk.freeBytes
  let after: { startedAt: Date; id: number } | null = null
  while (missing > 0) {
    const oldest: { rows: any[] } = await options.store.rawQuery(
      `select s.id, s.path, s.bytes, s.recorder_node, s.started_at from recording_segments s
       where ${UNHELD} and (?::timestamptz is null or (s.started_at, s.id) > (?::timestamptz, ?::int))
       order by s.started_at, s.id limit 100`,
      [after?.startedAt ?? null, after?.startedAt ?? null, after?.id ?? 0]
    )
    if (oldest.rows.length === 0) break
    const last = oldest.rows.at(-1)
    after = { startedAt: last.started_at, id: Number(last.id) }
    const batch: typeof oldest.rows = []
    for (const row of oldest.rows) {
      if (missing <= 0) break
      if (!(await inOwnFolder(row.path, options.root))) continue
      batch.push(row)
      missing -= Number(row.bytes)
    }
    result.byLowDisk += await remove(batch)
  }

  const total = result.byAge + result.byQuota + result.byLowDisk
  if (total > 0) {
    await options.store
      .rawQuery(
        `insert into recorder_events (camera_id, kind, detail, recorder_node) values (null, 'retention', ?, ?)`,
        [JSON.stringify(result), options.node]
      )
      .catch(() => {})
  }
  return result
}
