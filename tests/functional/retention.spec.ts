import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { access, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { applyRetention } from '#recorder/retention'
import { systemActor } from '#services/audit'

const NOW = new Date('2026-11-28T12:00:00Z')
const MB = 1024 * 1024
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false
  )

async function footage() {
  const root = await mkdtemp(join(tmpdir(), 'retention-'))
  const actor = systemActor('test')
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Tuyến giữ' })
  const make = (code: string, retentionDays: number, quotaGb: number | null) =>
    createCamera({
      actor,
      fields: {
        code,
        name: code,
        locationId: location.id,
        status: 'planned',
        retentionDays,
        quotaGb,
      },
    })
  const a = await make('RET-A', 7, null)
  const b = await make('RET-B', 30, 0.01) // 10.24 MiB
  let n = 0
  const segment = async (cameraId: number, daysAgo: number, bytes: number) => {
    const startedAt = new Date(NOW.getTime() - daysAgo * 86_400_000)
    const path = join(root, `seg-${++n}.ts`)
    await writeFile(path, Buffer.alloc(16))
    const [row] = await db
      .table('recording_segments')
      .insert({
        camera_id: cameraId,
        started_at: startedAt,
        ended_at: new Date(startedAt.getTime() + 60_000),
        duration_ms: 60_000,
        bytes,
        path,
        sha256: 'a'.repeat(64),
      })
      .returning(['id', 'path'])
    return row as { id: number; path: string }
  }
  return { root, a, b, segment }
}

test.group('Retention', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a fresh install with no recordings folder yet runs retention without an error', async ({
    assert,
  }) => {
    const root = join(await mkdtemp(join(tmpdir(), 'retention-fresh-')), 'recordings')
    const result = await applyRetention({ store: db, root, node: 'test-node', now: () => NOW })
    assert.deepInclude(result, { byAge: 0, byQuota: 0, byLowDisk: 0 })
    assert.isTrue(await exists(root))
  })

  test('by age per camera, by quota per camera, oldest first; held footage is never deleted', async ({
    assert,
  }) => {
    const { root, a, b, segment } = await footage()
    const old = await segment(a.id, 10, MB)
    const held = await segment(a.id, 20, MB)
    await db.table('segment_holds').insert({ segment_id: held.id, reason: 'Vụ việc 12/2026' })
    const recent = await segment(a.id, 1, MB)
    const b1 = await segment(b.id, 5, 4 * MB)
    const b2 = await segment(b.id, 4, 4 * MB)
    const b3 = await segment(b.id, 3, 4 * MB)
    const b4 = await segment(b.id, 2, 4 * MB)

    const result = await applyRetention({
      store: db,
      root,
      node: 'test-node',
      now: () => NOW,
      disk: async () => ({ totalBytes: 100 * MB, freeBytes: 50 * MB }),
    })
    assert.deepInclude(result, { byAge: 1, byQuota: 2, byLowDisk: 0 })
    const left = (await db.from('recording_segments').select('id')).map((r) => r.id)
    assert.sameMembers(left, [held.id, recent.id, b3.id, b4.id])
    assert.isFalse(await exists(old.path))
    assert.isFalse(await exists(b1.path))
    assert.isFalse(await exists(b2.path))
    assert.isTrue(await exists(held.path))
    const event = await db.from('recorder_events').where('kind', 'retention').firstOrFail()
    assert.equal(JSON.parse(event.detail).byQuota, 2)
  })

  test('a nearly full disk frees the oldest unheld footage across cameras until 10 % is free', async ({
    assert,
  }) => {
    const { root, a, b, segment } = await footage()
    const s1 = await segment(a.id, 3, 3 * MB)
    const s2 = await segment(b.id, 2.5, 3 * MB)
    await db.table('segment_holds').insert({ segment_id: s2.id, reason: 'Vụ việc' })
    const s3 = await segment(a.id, 2, 3 * MB)
    const s4 = await segment(b.id, 1, 3 * MB)

    // 100 MB disk with 5 MB free: 5 MB more must go.
    const result = await applyRetention({
      store: db,
      root,
      node: 'test-node',
      now: () => NOW,
      disk: async () => ({ totalBytes: 100 * MB, freeBytes: 5 * MB }),
    })
    assert.equal(result.byLowDisk, 2)
    const left = (await db.from('recording_segments').select('id')).map((r) => r.id)
    assert.sameMembers(left, [s2.id, s4.id])
    assert.isFalse(await exists(s1.path))
    assert.isFalse(await exists(s3.path))

    // A held segment cannot be deleted even by hand.
    await assert.rejects(() =>
      db.transaction((trx) => trx.from('recording_segments').where('id', s2.id).delete())
    )
  })
})

/*
 * Two recorder nodes, each with its own recordings folder (its own disk), sharing one
 * database (issue 22): each node's retention and disk guard act on its own rows and files,
 * never on the other's, even when the other's files are out of its sight.
 */
test.group('Retention with two recorder nodes on separate folders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("each node keeps the other's rows and files, by age and on a full disk", async ({
    assert,
  }) => {
    const { a } = await footage()
    const rootA = await mkdtemp(join(tmpdir(), 'node-a-'))
    const rootB = await mkdtemp(join(tmpdir(), 'node-b-'))
    let n = 0
    const segment = async (node: string, root: string, daysAgo: number, onDisk = true) => {
      const startedAt = new Date(NOW.getTime() - daysAgo * 86_400_000)
      const path = join(root, `seg-${++n}.ts`)
      if (onDisk) await writeFile(path, Buffer.alloc(16))
      const [row] = await db
        .table('recording_segments')
        .insert({
          camera_id: a.id,
          started_at: startedAt,
          ended_at: new Date(startedAt.getTime() + 60_000),
          duration_ms: 60_000,
          bytes: MB,
          path,
          sha256: 'a'.repeat(64),
          recorder_node: node,
        })
        .returning(['id', 'path'])
      return row as { id: number; path: string }
    }
    // Camera A keeps 7 days. Both nodes have aged footage; B's oldest is on B's disk only.
    const oldA = await segment('node-a', rootA, 10)
    const oldB = await segment('node-b', rootB, 11)
    const goneB = await segment('node-b', join(rootB, 'elsewhere'), 12, false)
    const byAge = await applyRetention({ store: db, root: rootA, node: 'node-a', now: () => NOW })
    assert.equal(byAge.byAge, 1)
    assert.isFalse(await exists(oldA.path))
    assert.isTrue(await exists(oldB.path), "B's file stays")
    const left = (await db.from('recording_segments').select('id')).map((r) => r.id)
    assert.sameMembers(left, [oldB.id, goneB.id], "B's rows stay, even the one A cannot see")

    // A's disk is short of 3 MB: A frees its own oldest recent footage, never B's (older).
    const recentB = await segment('node-b', rootB, 3)
    const recentA1 = await segment('node-a', rootA, 2)
    const recentA2 = await segment('node-a', rootA, 1)
    const guard = await applyRetention({
      store: db,
      root: rootA,
      node: 'node-a',
      now: () => NOW,
      disk: async () => ({ totalBytes: 100 * MB, freeBytes: 8 * MB }),
    })
    assert.equal(guard.byLowDisk, 2, 'only what lies on A, and the pass ends')
    assert.isFalse(await exists(recentA1.path))
    assert.isFalse(await exists(recentA2.path))
    assert.isTrue(await exists(recentB.path))
    const after = (await db.from('recording_segments').select('id')).map((r) => r.id)
    assert.sameMembers(after, [oldB.id, goneB.id, recentB.id])

    // B's own pass removes its aged rows, the one whose file is already gone included.
    const onB = await applyRetention({ store: db, root: rootB, node: 'node-b', now: () => NOW })
    assert.equal(onB.byAge, 2)
    assert.sameMembers(
      (await db.from('recording_segments').select('id')).map((r) => r.id),
      [recentB.id]
    )
  })
})
