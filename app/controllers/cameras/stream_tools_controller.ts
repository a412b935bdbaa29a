import type { HttpContext } from '@adonisjs/core/http'
import Camera from '#models/camera'
import { storedCredentialsMayGoTo } from '#actions/cameras/save_camera'
import { BRAND_PRESETS, presetUrls } from '#services/cameras/brand_presets'
import { splitCredentials } from '#services/cameras/rtsp'
import { describeStream, testStream } from '#services/cameras/stream_test'
import { streamPresetValidator, streamTestValidator } from '#validators/camera'

/**
 * The camera form's stream helpers for staff who are not technicians, as JSON: the stream
 * addresses of a brand from the camera's address, and "Thử kết nối" (open the stream once
 * and say what it sends, or why not).
 */
export default class StreamToolsController {
  async preset({ bouncer, request, response, i18n }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    const input = await request.validateUsing(streamPresetValidator)
    const preset = BRAND_PRESETS.find((p) => p.key === input.brand)!
    const urls = presetUrls(preset, input.host, input.channel ?? 1)
    if (!urls) {
      return response.unprocessableEntity({
        errors: [{ code: 'E_BAD_HOST', message: i18n.t('cameras.presets.bad_host') }],
      })
    }
    return {
      data: {
        ...urls,
        defaultUser: preset.defaultUser,
        note: i18n.t(`cameras.presets.notes.${preset.note}`),
      },
    }
  }

  async test({ bouncer, request, i18n }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    const input = await request.validateUsing(streamTestValidator)
    const typed = splitCredentials(input.url)
    const camera = input.camera_id ? await Camera.findOrFail(input.camera_id) : null
    // The stored password only goes to a host it already goes to (issue 21).
    const stored =
      camera && storedCredentialsMayGoTo(camera, typed.url)
        ? camera.credentials()
        : { username: null, password: null }
    const result = await testStream({
      url: typed.url,
      username: input.username || typed.username || stored.username,
      password: input.password || typed.password || stored.password,
      transport: input.rtsp_transport ?? camera?.rtspTransport ?? 'tcp',
    })
    return { data: { ...result, message: describeStream(result, i18n) } }
  }
}
