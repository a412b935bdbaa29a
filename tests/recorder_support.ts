import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { systemActor } from '#services/audit'

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
