import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import { claimLeases } from '#recorder/leases'
import { createSimulatedCameras, sleep, waitFor, waitForAsync } from '#tests/recorder_support'

/*
 * Several recorder nodes share the cameras through lease rows in PostgreSQL. Node A is the
 * real `node ace recorder:run` process (killed with its ffmpeg children, like a power cut
 * at its hub); node B is a supervisor in this process. Committed rows, cleaned up after.
 */
test.group('Recorder nodes sharing cameras', (group) => {
  let root: string
  let simulator: CameraSimulator
  let ids: number[] = []
  let nodeA: ChildProcess | undefined

  group.setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'nvr-nodes-'))
    simulator = new CameraSimulator({
      bin: await detectFfmpeg(),
      workDir: join(tmpdir(), 'nvr-sim'),
      count: 3,
    })
    await simulator.start()
    // Cameras 1 and 2 may move between nodes; camera 3 is pinned to node A.
    const cameras = await createSimulatedCameras(
      [simulator.url(1), simulator.url(2), simulator.url(3)],
      (n) => (n === 3 ? { pinnedNode: 'node-a' } : {})
    )
    ids = cameras.map((c) => c.id)
    return async () => {
      if (nodeA && nodeA.exitCode === null && nodeA.signalCode === null) {
        process.kill(-nodeA.pid!, 'SIGKILL')
      }
      await simulator.stop()
      await db.from('recording_segments').whereIn('camera_id', ids).delete()
      await db.from('recording_runs').whereIn('camera_id', ids).delete()
      await db.from('recorder_events').whereIn('camera_id', ids).delete()
      await db.from('camera_leases').whereIn('camera_id', ids).delete()
      await db.from('cameras').whereIn('id', ids).update({ recording_enabled: false })
      await db.from('recorder_nodes').whereIn('id', ['node-a', 'node-b', 'node-c']).delete()
      await rm(root, { recursive: true, force: true })
    }
  })

  test('two nodes claiming at the same moment split the cameras and never both take one', async ({
    assert,
  }) => {
    // Two live nodes: each takes its fair share of the two unpinned cameras, and neither
    // takes camera 3 (pinned to node A, which is not one of them).
    await db.table('recorder_nodes').insert(
      ['node-b', 'node-c'].map((id) => ({
        id,
        hostname: 'test',
        pid: 1,
        started_at: new Date(),
        last_beat_at: new Date(),
      }))
    )
    // Repeated, because the race only shows when both passes reach the free cameras at
    // the same moment (a CI run once gave one node nothing).
    for (let round = 0; round < 15; round++) {
      const [b, c] = await Promise.all(
        ['node-b', 'node-c'].map((node) => claimLeases(db, { node, only: ids }))
      )
      const taken = [...b, ...c].map((l) => l.cameraId).sort()
      assert.deepEqual(taken, [ids[0], ids[1]].sort(), `round ${round}`)
      assert.lengthOf(b, 1)
      assert.lengthOf(c, 1)
      // A second pass renews, and takes nothing held by the other.
      assert.deepEqual(
        (await claimLeases(db, { node: 'node-b', only: ids })).map((l) => l.cameraId),
        b.map((l) => l.cameraId)
      )
      await db.from('camera_leases').whereIn('camera_id', ids).delete()
    }
    await db.from('recorder_nodes').whereIn('id', ['node-b', 'node-c']).delete()
  })

  test('node A is killed: its free cameras continue on node B within 30 s, its pinned camera does not move', async ({
    assert,
  }) => {
    nodeA = spawn('node', ['ace', 'recorder:run'], {
      cwd: process.cwd(),
      detached: true,
      stdio: process.env.DEBUG_NODES ? 'inherit' : 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        RECORDINGS_DIR: root,
        RECORDER_SEGMENT_SECONDS: '4',
        RECORDER_NODE_ID: 'node-a',
      },
    })
    // Node A alone: it takes all three and records them.
    const leasesOf = async (node: string) =>
      (await db.from('camera_leases').whereIn('camera_id', ids).where('node_id', node)).length
    await waitForAsync(async () => (await leasesOf('node-a')) === 3, 60_000)
    await waitForAsync(async () => {
      const [row] = await db
        .from('recording_segments')
        .whereIn('camera_id', ids)
        .where('recorder_node', 'node-a')
        .countDistinct('camera_id as n')
      return Number(row.n) === 3
    }, 60_000)

    // Node B joins: A's leases are live, so B records nothing (no camera twice).
    const b = new Supervisor({
      bin: await detectFfmpeg(),
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'node-b',
      segmentSeconds: 4,
      ...leaseHooks({ node: 'node-b', only: ids }),
      pollMs: 1000,
    })
    await b.start()
    await sleep(3000)
    assert.equal(b.workers.size, 0)

    process.kill(-nodeA.pid!, 'SIGKILL')
    const killedAt = Date.now()
    await waitFor(
      () =>
        [ids[0], ids[1]].every((id) => b.workers.get(id)?.state === 'recording') ||
        Date.now() - killedAt > 40_000,
      45_000
    )
    const tookMs = Date.now() - killedAt
    console.log(`failover: node B recording node A's cameras ${tookMs} ms after the kill`)
    await sleep(5000)
    assert.isFalse(b.workers.has(ids[2]), 'the camera pinned to node A stays with node A')
    await b.stop()

    for (const id of [ids[0], ids[1]]) {
      const segments = await db
        .from('recording_segments')
        .where('camera_id', id)
        .orderBy('started_at')
      const lastOfA = segments.filter((s) => s.recorder_node === 'node-a').at(-1)
      const firstOfB = segments.find(
        (s) => s.recorder_node === 'node-b' && !s.recovered && s.started_at > lastOfA.started_at
      )
      assert.exists(firstOfB, `camera ${id} recorded by node B`)
      const gapMs = new Date(firstOfB.started_at).getTime() - killedAt
      assert.isAtMost(gapMs, 30_000, `camera ${id}: node B began ${gapMs} ms after the kill`)
      // What node A had not finished was recovered by node B, and A's run was closed.
      assert.isTrue(
        segments.some((s) => s.recorder_node === 'node-b' && s.recovered),
        `camera ${id}: node A's open segment recovered by node B`
      )
      const runsOfA = await db
        .from('recording_runs')
        .where('camera_id', id)
        .where('recorder_node', 'node-a')
      assert.isTrue(runsOfA.every((r) => r.end_reason === 'crash_recovered'))
    }
    const lease = await db.from('camera_leases').where('camera_id', ids[2]).first()
    assert.equal(lease?.node_id ?? 'node-a', 'node-a')
    // A clean stop gives the leases up at once.
    assert.equal(await leasesOf('node-b'), 0)
  }).timeout(180_000)
})
