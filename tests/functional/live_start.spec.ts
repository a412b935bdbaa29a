import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { execFile } from 'node:child_process'
import { createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import liveStreams from '#services/footage/live_streams'
import { systemActor } from '#services/audit'
import { sleep } from '#tests/recorder_support'

const run = promisify(execFile)

/** ffmpeg processes writing into one live stream's folder. */
async function ffmpegsWriting(dir: string) {
  const { stdout } = await run('ps', ['-eo', 'args'])
  return stdout.split('\n').filter((line) => line.includes('ffmpeg') && line.includes(dir)).length
}

test.group('Live view under concurrent first viewers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('two viewers opening a camera at the same moment share one ffmpeg', async ({ assert }) => {
    // A camera that accepts the connection and then says nothing: ffmpeg waits on it.
    const held: Socket[] = []
    const silent = createServer((socket) => held.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    const actor = systemActor('test')
    const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Ngõ' })
    const camera = await createCamera({
      actor,
      fields: {
        name: 'Im lặng',
        locationId: location.id,
        status: 'planned',
        mainStreamUrl: `rtsp://127.0.0.1:${port}/live`,
      },
    })
    const opening = Promise.allSettled([
      liveStreams.open(camera, 'main'),
      liveStreams.open(camera, 'main'),
    ])
    try {
      await sleep(2000)
      assert.equal(await ffmpegsWriting(join(liveStreams.root(), `${camera.id}-main-copy`)), 1)
    } finally {
      liveStreams.stopAll()
      held.forEach((s) => s.destroy())
      silent.close()
      await opening
    }
  }).timeout(60_000)
})
