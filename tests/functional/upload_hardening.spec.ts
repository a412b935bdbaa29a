import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uploadTmpDir } from '#services/uploads/upload_tmp'
import { applyRetention } from '#recorder/retention'
import { makeUser } from '#tests/helpers'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { systemActor } from '#services/audit'

/** Files of a megabyte or more directly in these folders (what an upload would leave). */
async function bigFiles(dirs: string[]) {
  const out: string[] = []
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const info = await stat(join(dir, name)).catch(() => null)
      if (info?.isFile() && info.size >= 1024 * 1024) out.push(join(dir, name))
    }
  }
  return out.sort()
}

/** A planned camera with one recorded segment on disk and in the index. */
async function cameraWithSegment(code: string, prefix: string) {
  const actor = systemActor('test')
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Tuyến thử' })
  const camera = await createCamera({
    actor,
    fields: { code, name: 'Cổng chợ', locationId: location.id, status: 'planned' },
  })
  const root = await mkdtemp(join(tmpdir(), prefix))
  const segment = join(root, 'seg.ts')
  await writeFile(segment, Buffer.alloc(1024))
  await db.table('recording_segments').insert({
    camera_id: camera.id,
    started_at: new Date(Date.now() - 60_000),
    ended_at: new Date(),
    duration_ms: 60_000,
    bytes: 1024,
    path: segment,
    sha256: 'a'.repeat(64),
  })
  return { camera, root, segment }
}

const FIVE_MB = Buffer.alloc(5 * 1024 * 1024, 0x61)

test.group('Uploads on routes anyone can reach', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('twenty 5 MB multipart posts to each public route leave no file and delete no footage', async ({
    client,
    assert,
  }) => {
    // One recorded segment on disk, to see that nothing makes room by deleting it.
    const { camera, root, segment } = await cameraWithSegment('UP-1', 'upload-footage-')

    const watched = [tmpdir(), uploadTmpDir()]
    const before = await bigFiles(watched)
    const routes = ['/login', `/bao-hong/${camera.code}`, '/locale', '/api/v1/auth/token']
    for (const route of routes) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          client
            .post(route)
            .field('email', 'ai@xa.test')
            .field('description', 'Thử')
            .file('photo', FIVE_MB, { filename: 'anh.jpg' })
            .redirects(0)
        )
      )
      for (const answer of answers) {
        assert.oneOf(answer.status(), [302, 401, 403, 404, 413, 422, 429], route)
      }
      assert.deepEqual(await bigFiles(watched), before, `${route} left files behind`)
    }

    // The recorder's guard, with the disk as it is, deletes nothing that is not its due.
    await applyRetention({ store: db, root, node: 'test-node', transientDirs: [uploadTmpDir()] })
    assert.isNotNull(await db.from('recording_segments').where('path', segment).first())
  }).timeout(120_000)

  test('a signed-in upload is parsed after login and its temporary file is gone afterwards', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const before = await bigFiles([uploadTmpDir()])
    const csv = Buffer.concat([
      Buffer.from('Họ tên;Số tiền;Ngày\r\nNguyễn Văn Bình;5.000.000;15/03/2026\r\n'),
      Buffer.alloc(1024 * 1024, 0x20),
    ])
    const preview = await client
      .post('/donation-imports/preview')
      .loginAs(treasurer)
      .file('file', csv, { filename: 'danh-sach.csv' })
      .withCsrfToken()
    preview.assertStatus(200)
    preview.assertTextIncludes('Nguyễn Văn Bình')
    assert.deepEqual(await bigFiles([uploadTmpDir()]), before)

    // Without a login the same upload is refused before its body is read.
    const anonymous = await client
      .post('/donation-imports/preview')
      .file('file', csv, { filename: 'danh-sach.csv' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(anonymous.status(), 302)
    assert.deepEqual(await bigFiles([uploadTmpDir()]), before)
  })

  test("a body far over a route's limit is refused unread with the 413 page", async ({
    client,
  }) => {
    const treasurer = await makeUser('treasurer')
    const response = await client
      .post('/donation-imports/preview')
      .loginAs(treasurer)
      .file('file', Buffer.alloc(20 * 1024 * 1024, 0x20), { filename: 'lon.csv' })
      .withCsrfToken()
    response.assertStatus(413)
  })

  test('uploads in flight count as free space: the disk guard does not delete footage for them', async ({
    assert,
  }) => {
    const { root, segment } = await cameraWithSegment('UP-2', 'guard-')
    const transient = await mkdtemp(join(tmpdir(), 'guard-uploads-'))
    await writeFile(join(transient, 'dang-tai'), Buffer.alloc(2 * 1024 * 1024))
    const MB = 1024 * 1024
    // 9 MB free on the disk, 2 MB of it held by an upload about to be removed; 10 MB wanted.
    const options = {
      store: db,
      root,
      node: 'test-node',
      minFreeRatio: 0,
      minFreeBytes: 10 * MB,
      disk: async () => ({ totalBytes: 1000 * MB, freeBytes: 9 * MB }),
    }
    const counted = await applyRetention({ ...options, transientDirs: [transient] })
    assert.equal(counted.byLowDisk, 0)
    assert.isNotNull(await db.from('recording_segments').where('path', segment).first())
    // Without counting it, the same disk would have cost the footage.
    const uncounted = await applyRetention(options)
    assert.equal(uncounted.byLowDisk, 1)
  })
})
