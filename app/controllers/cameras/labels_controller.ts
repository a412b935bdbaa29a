import type { HttpContext } from '@adonisjs/core/http'
import qrcode from 'qrcode-generator'
import Camera from '#models/camera'
import router from '@adonisjs/core/services/router'
import { addressWarning, publicOrigin } from '#services/settings/public_address'

/** An A4 sheet of QR labels; each QR opens the public "Báo camera hỏng" page. */
export default class LabelsController {
  async show({ view, bouncer, request }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const cameras = await Camera.query()
      .whereNot('status', 'retired')
      .preload('location')
      .orderBy('code')
    // The public address the admin set (households' phones reach it), else the one in use now.
    const origin = await publicOrigin(`${request.protocol()}://${request.host()}`)
    const labels = cameras.map((camera) => {
      const url = origin + router.makeUrl('faults.public.show', { code: camera.code })
      const qr = qrcode(0, 'M')
      qr.addData(url)
      qr.make()
      return { camera, url, svg: qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true }) }
    })
    return view.render('pages/cameras/labels', { labels, origin, warning: addressWarning(origin) })
  }
}
