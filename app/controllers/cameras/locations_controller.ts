import type { HttpContext } from '@adonisjs/core/http'
import createLocation from '#actions/locations/save_location'
import { locationValidator } from '#validators/camera'
import { locationTree } from '#services/cameras/camera_queries'
import { actorFromContext } from '#services/audit'
import db from '@adonisjs/lucid/services/db'

/** The location tree with camera counts; technicians add nodes. */
export default class LocationsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const counts = await db
      .from('cameras')
      .groupBy('location_id')
      .select('location_id')
      .count('* as n')
    const byLocation = Object.fromEntries(counts.map((r) => [r.location_id, Number(r.n)]))
    return view.render('pages/locations/index', { tree: await locationTree(), byLocation })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(locationValidator)
    await createLocation({
      actor: actorFromContext(ctx),
      parentId: payload.parent_id ?? null,
      kind: payload.kind,
      name: payload.name,
    })
    ctx.session.flash('success', ctx.i18n.t('locations.saved'))
    return ctx.response.redirect().toRoute('locations.index')
  }
}
