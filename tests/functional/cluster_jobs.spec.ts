import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { onceInCluster, oncePerDayInCluster, withSessionLock } from '#services/jobs/cluster_jobs'
import { PERIODIC_JOBS } from '#services/jobs/periodic_jobs'
import { sleep } from '#tests/recorder_support'

/*
 * Jobs that run once for the whole installation however many recorder nodes there are
 * (issue 22): an advisory lock lets one node at a time in, and a daily job is recorded as
 * done for everyone.
 */
test.group('Cluster jobs', (group) => {
  group.each.teardown(async () => {
    await db.from('cluster_job_runs').where('name', 'like', 'test-%').delete()
  })

  test('two nodes at the same moment: one runs the job, the other skips its turn', async ({
    assert,
  }) => {
    let runs = 0
    const work = async () => {
      runs++
      await sleep(300)
      return 'done'
    }
    const [a, b] = await Promise.all([
      onceInCluster('test-round', work),
      onceInCluster('test-round', work),
    ])
    assert.equal(runs, 1)
    assert.sameMembers([a, b], ['done', null])
    // Once the first is through, the next turn is free again.
    assert.equal(await onceInCluster('test-round', work), 'done')
  })

  test('a daily job (the backup) is done once a day for the installation, by whichever node comes first', async ({
    assert,
  }) => {
    const written: string[] = []
    const backup = (node: string) => async () => {
      written.push(node)
      await sleep(200)
      return { node }
    }
    const day = '2026-12-04'
    await Promise.all([
      oncePerDayInCluster('test-backup', day, 'node-a', backup('node-a')),
      oncePerDayInCluster('test-backup', day, 'node-b', backup('node-b')),
    ])
    // Later ticks of either node that day find it done.
    assert.isNull(await oncePerDayInCluster('test-backup', day, 'node-b', backup('node-b')))
    assert.lengthOf(written, 1)
    const row = await db.from('cluster_job_runs').where('name', 'test-backup').firstOrFail()
    assert.equal(row.node, written[0])
    // Nothing to do yet (before BACKUP_AT) is not "done".
    assert.isNull(
      await oncePerDayInCluster('test-backup', '2026-12-05', 'node-a', async () => null)
    )
    assert.equal(
      (await oncePerDayInCluster('test-backup', '2026-12-05', 'node-b', backup('node-b')))?.node,
      'node-b'
    )
  })

  test('an evidence export is claimed by one web process: a second one asking meanwhile is told no', async ({
    assert,
  }) => {
    let builds = 0
    const build = async () => {
      builds++
      // The build uses the database freely while the claim is held.
      await db.rawQuery('select 1')
      await sleep(300)
      return 'built'
    }
    const [a, b] = await Promise.all([withSessionLock(7, 42, build), withSessionLock(7, 42, build)])
    assert.equal(builds, 1)
    assert.sameDeepMembers([a, b], [{ value: 'built' }, undefined])
    // Released afterwards (a crash releases it too: the lock dies with its connection).
    assert.deepEqual(await withSessionLock(7, 42, build), { value: 'built' })
  })

  test('every periodic job says which process runs it and whether per node or once for all', ({
    assert,
  }) => {
    const names = PERIODIC_JOBS.map((j) => j.name)
    assert.sameMembers(names, [
      'retention',
      'camera-clocks',
      'automatic-tickets',
      'preventive-round',
      'daily-backup',
      'resume-exports',
    ])
    const scope = Object.fromEntries(PERIODIC_JOBS.map((j) => [j.name, j.scope]))
    assert.equal(scope['retention'], 'node')
    assert.equal(scope['daily-backup'], 'cluster')
    assert.equal(scope['preventive-round'], 'cluster')
  })
})
