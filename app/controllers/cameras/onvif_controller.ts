import type { HttpContext } from '@adonisjs/core/http'
import { discoverCameras, probeCamera } from '#actions/cameras/onvif'
import { onvifProbeValidator } from '#validators/camera'
import { OnvifError } from '#recorder/onvif'

/** The camera form's "ask the camera" buttons: ONVIF probe and discovery, as JSON. */
export default class OnvifController {
  async probe({ bouncer, request, response, i18n }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    const input = await request.validateUsing(onvifProbeValidator)
    const port = input.port ?? 80
    try {
      const result = await probeCamera({
        host: input.host,
        port,
        username: input.username,
        password: input.password,
        cameraId: input.camera_id,
      })
      return { data: result }
    } catch (error) {
      if (!(error instanceof OnvifError)) throw error
      return response.unprocessableEntity({
        errors: [
          {
            code: `E_ONVIF_${error.kind.toUpperCase()}`,
            message: i18n.t(`cameras.onvif.errors.${error.kind}`, { host: input.host, port }),
          },
        ],
      })
    }
  }

  async discover({ bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    return { data: await discoverCameras() }
  }
}
