import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { systemActor } from '#services/audit'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectFfmpeg, type FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { CameraSimulator, type ClipOptions } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function waitFor(check: () => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await sleep(250)
  }
}

export async function waitForAsync(check: () => Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await sleep(500)
  }
}

/**
 * Committed cameras (the recorder uses its own connections) reading simulated streams,
 * at one new location with one consenting household. The caller cleans up.
 */
export async function createSimulatedCameras(
  urls: string[],
  extra: (n: number) => { pinnedNode?: string } = () => ({})
) {
  const actor = systemActor('test')
  const stamp = Date.now() % 100000
  const location = await createLocation({
    actor,
    parentId: null,
    kind: 'route',
    name: `Tuyến thử ${stamp}`,
  })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ thử', consentSignedOn: '2026-01-01' },
  })
  const cameras = []
  for (const [i, url] of urls.entries()) {
    cameras.push(
      await createCamera({
        actor,
        fields: {
          name: `Camera giả lập ${i + 1}`,
          code: `SIM-${stamp}-${i + 1}`,
          locationId: location.id,
          householdId: household.id,
          status: 'active',
          mainStreamUrl: url,
          rtspTransport: 'udp',
          username: 'admin',
          password: 'bi-mat',
          ...extra(i + 1),
        },
      })
    )
  }
  return cameras
}

/**
 * One simulated camera recorded by its own supervisor into a temporary folder: the set-up
 * of the recorder tests that need a single camera. `teardown` stops both and removes the
 * camera's rows and files (the camera row stays, recording off: its audit trail names it).
 */
export async function singleCameraRig(options: {
  node: string
  /** The recorder's binaries (the simulator uses the default ones). */
  bin: FfmpegBinaries
  name: string
  clip?: ClipOptions
  ports?: { publishPort: number; clientPort: number; rtpPortStart: number }
  /** The recorder's own stall limit instead of the tests' 8 s. */
  defaultStall?: boolean
}) {
  const root = await mkdtemp(join(tmpdir(), `nvr-${options.name}-`))
  const simulator = new CameraSimulator({
    bin: await detectFfmpeg(),
    workDir: join(tmpdir(), `nvr-sim-${options.name}`),
    count: 1,
    clip: options.clip,
    ...options.ports,
  })
  await simulator.start()
  const [camera] = await createSimulatedCameras([simulator.url(1)])
  const supervisor = new Supervisor({
    bin: options.bin,
    root,
    store: db,
    index: new SegmentIndex(db, root),
    node: options.node,
    segmentSeconds: 4,
    ...(options.defaultStall ? {} : { stallMs: 8000 }),
    ...leaseHooks({ node: options.node, only: [camera.id] }),
    pollMs: 1000,
  })
  const teardown = async () => {
    await supervisor.stop()
    await simulator.stop()
    for (const table of ['recording_segments', 'recording_runs', 'recorder_events']) {
      await db.from(table).where('camera_id', camera.id).delete()
    }
    await db.from('camera_leases').where('camera_id', camera.id).delete()
    await db.from('cameras').where('id', camera.id).update({ recording_enabled: false })
    await rm(root, { recursive: true, force: true })
  }
  return { root, simulator, supervisor, cameraId: camera.id, teardown }
}
