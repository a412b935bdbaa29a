import Camera from '#models/camera'
import { withCredentials } from '#services/cameras/rtsp'
import type { CameraConfig } from '#recorder/camera_worker'

/**
 * The cameras a recorder should record: active, recording switched on, with a main stream
 * URL; each with its credentials decrypted into the URL for ffmpeg only.
 */
export async function camerasToRecord(): Promise<CameraConfig[]> {
  const cameras = await Camera.query()
    .where('status', 'active')
    .where('recording_enabled', true)
    .whereNotNull('main_stream_url')
    .orderBy('code')
  return cameras.map((camera) => {
    const { username, password } = camera.credentials()
    return {
      id: camera.id,
      code: camera.code,
      url: withCredentials(camera.mainStreamUrl!, username, password),
      transport: camera.rtspTransport,
    }
  })
}
