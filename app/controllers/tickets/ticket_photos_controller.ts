import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import MaintenanceTicket from '#models/maintenance_ticket'
import { addTicketPhoto } from '#actions/tickets/ticket_photos'
import { photoValidator } from '#validators/ticket'
import { actorFromContext } from '#services/audit'
import { MAX_DOCUMENT_BYTES } from '#services/uploads/file_type'
import { storedFilePath, UploadRefusedError } from '#services/uploads/stored_file'

/** Photos on a ticket: uploaded checked by content, served by id to those who see tickets. */
export default class TicketPhotosController {
  async store(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('addPhoto')
    const ticket = await MaintenanceTicket.findOrFail(ctx.params.id)
    const back = () => ctx.response.redirect().toRoute('tickets.show', { id: ticket.id })
    const { caption } = await ctx.request.validateUsing(photoValidator)
    const file = ctx.request.file('photo', { size: MAX_DOCUMENT_BYTES })
    if (!file || !file.tmpPath) {
      ctx.session.flash('error', ctx.i18n.t('tickets.photo_missing'))
      return back()
    }
    if (file.errors.some((e) => e.type === 'size')) {
      ctx.session.flash('error', ctx.i18n.t('uploads.size'))
      return back()
    }
    try {
      await addTicketPhoto({
        actor: actorFromContext(ctx),
        ticketId: ticket.id,
        tmpPath: file.tmpPath,
        caption,
      })
      ctx.session.flash('success', ctx.i18n.t('tickets.photo_added'))
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error
      ctx.session.flash(
        'error',
        ctx.i18n.t(error.reason === 'type' ? 'faults.photo_type' : `uploads.${error.reason}`)
      )
    }
    return back()
  }

  async show({ bouncer, params, response }: HttpContext) {
    await bouncer.with('TicketPolicy').authorize('view')
    const photo = await db
      .from('ticket_photos')
      .where('id', params.photoId)
      .where('ticket_id', params.id)
      .first()
    if (!photo) return response.notFound()
    response.header('Content-Type', photo.content_type)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox")
    response.header('Cache-Control', 'private, max-age=86400')
    return response.download(
      storedFilePath({ sha256: photo.sha256, contentType: photo.content_type })
    )
  }
}
