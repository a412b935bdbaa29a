import { DateTime } from 'luxon'
import env from '#start/env'
import Camera from '#models/camera'
import {
  discoverOnvif,
  parseDiscoveryTargets,
  probeOnvif,
  type OnvifProbeResult,
} from '#recorder/onvif'

export interface ProbeParams {
  host: string
  port: number
  username?: string | null
  password?: string | null
  /** Editing a registered camera: its stored credentials fill what was left empty (only
   *  when probing its own stored ONVIF address), and the measured clock offset is kept. */
  cameraId?: number | null
}

/** Asks a camera over ONVIF for what the camera form needs (see recorder/onvif.ts). */
export async function probeCamera(params: ProbeParams): Promise<OnvifProbeResult> {
  const camera = params.cameraId ? await Camera.findOrFail(params.cameraId) : null
  // The stored password is only ever sent to the camera's own stored ONVIF address.
  const ownAddress =
    camera?.onvifHost?.toLowerCase() === params.host.trim().toLowerCase() &&
    (camera?.onvifPort ?? 80) === params.port
  const stored = camera && ownAddress ? camera.credentials() : { username: null, password: null }
  const result = await probeOnvif({
    host: params.host,
    port: params.port,
    username: params.username || stored.username,
    password: params.password || stored.password,
  })
  if (camera) {
    camera.clockOffsetSeconds = result.clockOffsetSeconds
    camera.clockCheckedAt = DateTime.now()
    await camera.save()
  }
  return result
}

/**
 * WS-Discovery to the configured targets only (DISCOVERY_TARGET, 127.0.0.1 unless set):
 * each device found, and the camera already registered at that address if any.
 */
export async function discoverCameras() {
  const targets = parseDiscoveryTargets(env.get('DISCOVERY_TARGET') ?? '127.0.0.1')
  const devices = await discoverOnvif(targets, 2000)
  const known = await Camera.query()
    .whereNotNull('onvif_host')
    .select('id', 'code', 'onvif_host', 'onvif_port')
  return {
    targets,
    devices: devices.map((d) => {
      const camera = known.find((c) => c.onvifHost === d.host && (c.onvifPort ?? 80) === d.port)
      return { ...d, camera: camera ? { id: camera.id, code: camera.code } : null }
    }),
  }
}
