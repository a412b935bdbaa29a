import type { HttpContext } from '@adonisjs/core/http'
import Camera from '#models/camera'
import Household from '#models/household'
import Location from '#models/location'
import { createCamera, updateCamera, CameraConsentError } from '#actions/cameras/save_camera'
import saveHousehold from '#actions/households/save_household'
import createLocation from '#actions/locations/save_location'
import {
  cameraFilterValidator,
  cameraValidator,
  householdValidator,
  locationValidator,
  toCameraFields,
  toHouseholdFields,
} from '#validators/camera'
import { camerasWithStatus } from '#services/cameras/camera_queries'
import { cameraJson, householdJson, locationJson } from '#services/cameras/api_json'
import { actorFromContext } from '#services/audit'

/** /api/v1/locations, /api/v1/households, /api/v1/cameras. */
export default class CamerasController {
  async locations({ bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    return { data: (await Location.query().orderBy('id')).map(locationJson) }
  }

  async storeLocation(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const p = await ctx.request.validateUsing(locationValidator)
    const location = await createLocation({
      actor: actorFromContext(ctx),
      parentId: p.parent_id ?? null,
      kind: p.kind,
      name: p.name,
    })
    return ctx.response.created({ data: locationJson(location) })
  }

  async households({ bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('viewHouseholds')
    return { data: (await Household.query().orderBy('id')).map(householdJson) }
  }

  async storeHousehold(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const p = await ctx.request.validateUsing(householdValidator)
    const household = await saveHousehold({
      actor: actorFromContext(ctx),
      fields: toHouseholdFields(p),
    })
    return ctx.response.created({ data: householdJson(household) })
  }

  async index({ bouncer, request }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const f = await request.validateUsing(cameraFilterValidator)
    const rows = await camerasWithStatus({ status: f.status, locationId: f.location_id, q: f.q })
    return { data: rows.map((r) => cameraJson(r.camera)) }
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    return { data: cameraJson(await Camera.findOrFail(params.id)) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const p = await ctx.request.validateUsing(cameraValidator)
    try {
      const camera = await createCamera({ actor: actorFromContext(ctx), fields: toCameraFields(p) })
      return ctx.response.created({ data: cameraJson(camera) })
    } catch (error) {
      return this.refused(ctx, error)
    }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const camera = await Camera.findOrFail(ctx.params.id)
    const p = await ctx.request.validateUsing(cameraValidator)
    try {
      const saved = await updateCamera({
        actor: actorFromContext(ctx),
        cameraId: camera.id,
        fields: toCameraFields(p),
      })
      return { data: cameraJson(saved) }
    } catch (error) {
      return this.refused(ctx, error)
    }
  }

  protected refused(ctx: HttpContext, error: unknown) {
    if (!(error instanceof CameraConsentError)) throw error
    return ctx.response.unprocessableEntity({
      errors: [{ code: error.code, field: 'status', message: ctx.i18n.t(error.messageKey) }],
    })
  }
}
