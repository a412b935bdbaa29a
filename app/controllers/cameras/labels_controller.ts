import type { HttpContext } from '@adonisjs/core/http'
import qrcode from 'qrcode-generator'
import Camera from '#models/camera'
import router from '@adonisjs/core/services/router'
import env from '#start/env'

/** An A4 sheet of QR labels; each QR opens the public "Báo camera hỏng" page. */
export default class LabelsController {
  async show({ view, bouncer, request }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const cameras = await Camera.query()
      .whereNot('status', 'retired')
      .preload('location')
      .orderBy('code')
    // PUBLIC_URL when set (the address households can reach), else the one in use now.
    const origin = (env.get('PUBLIC_URL') || `${request.protocol()}://${request.host()}`).replace(
      /\/$/,
      ''
    )
    const labels = cameras.map((camera) => {
      const url = origin + router.makeUrl('faults.public.show', { code: camera.code })
      const qr = qrcode(0, 'M')
      qr.addData(url)
      qr.make()
      return { camera, url, svg: qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true }) }
    })
    return view.render('pages/cameras/labels', { labels })
  }
}
