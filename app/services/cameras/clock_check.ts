import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import { readOnvifClock } from '#recorder/onvif'

/**
 * Measures the clock of every camera this recorder node holds that has an ONVIF address,
 * and keeps the offset on the camera (shown on its page). A camera that does not answer
 * keeps its last measurement.
 */
export async function checkCameraClocks(node: string) {
  const cameras = await Camera.query()
    .whereNotNull('onvif_host')
    .whereIn('id', db.from('camera_leases').where('node_id', node).select('camera_id'))
  let measured = 0
  for (const camera of cameras) {
    const { username, password } = camera.credentials()
    try {
      camera.clockOffsetSeconds = await readOnvifClock({
        host: camera.onvifHost!,
        port: camera.onvifPort ?? 80,
        username,
        password,
        timeoutMs: 3000,
      })
      camera.clockCheckedAt = DateTime.now()
      await camera.save()
      measured++
    } catch {
      // Offline or not ONVIF: the recorder's health already says so.
    }
  }
  return measured
}
