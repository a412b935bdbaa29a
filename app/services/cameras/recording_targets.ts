import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import { withCredentials } from '#services/cameras/rtsp'
import { claimLeases, releaseLeases } from '#recorder/leases'
import type { CameraConfig, EndReason } from '#recorder/camera_worker'

export interface TargetOptions {
  node: string
  ttlSeconds?: number
  /** Only these cameras (tests, one-camera runs). */
  only?: number[]
}

/**
 * The cameras this recorder node should record now: those it holds a lease on after this
 * pass (see recorder/leases.ts), each with its credentials decrypted into the URL for
 * ffmpeg only.
 */
export async function camerasToRecord(options: TargetOptions): Promise<CameraConfig[]> {
  const leases = await claimLeases(db, options)
  if (leases.length === 0) return []
  const takenFrom = new Map(leases.map((l) => [l.cameraId, l.takenFrom]))
  const cameras = await Camera.query()
    .whereIn('id', [...takenFrom.keys()])
    .orderBy('code')
  return cameras.map((camera) => {
    const { username, password } = camera.credentials()
    return {
      id: camera.id,
      code: camera.code,
      url: withCredentials(camera.mainStreamUrl!, username, password),
      transport: camera.rtspTransport,
      audio: camera.audioToAac ? ('aac' as const) : ('copy' as const),
      takenFrom: takenFrom.get(camera.id) ?? null,
    }
  })
}

/** Why a camera left a node's list: still to be recorded (by another node) or switched off. */
export async function whyCameraGone(cameraId: number): Promise<EndReason> {
  const camera = await Camera.find(cameraId)
  const stillRecorded =
    camera && camera.status === 'active' && camera.recordingEnabled && camera.mainStreamUrl
  return stillRecorded ? 'handed_over' : 'disabled'
}

/** Everything a supervisor needs from the database to share cameras with other nodes. */
export function leaseHooks(options: TargetOptions) {
  return {
    loadCameras: () => camerasToRecord(options),
    whyGone: whyCameraGone,
    release: () => releaseLeases(db, options.node),
  }
}
