import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import i18nManager from '@adonisjs/i18n/services/main'
import Camera from '#models/camera'
import importCameras, { CameraImportError } from '#actions/cameras/import_cameras'
import { camerasWorkbook, parseCameraSheet } from '#services/cameras/camera_sheet'
import {
  MAX_FILE_BYTES,
  readSpreadsheet,
  SpreadsheetFileError,
} from '#services/donations/spreadsheet_file'
import { actorFromContext } from '#services/audit'
import { todayIso } from '#services/dates'

/** The camera list as .xlsx, out and in (never with credentials). */
export default class CameraSheetController {
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('view')
    const cameras = await Camera.query().preload('location').orderBy('code')
    const body = await camerasWorkbook(cameras, ctx.i18n.t.bind(ctx.i18n))
    ctx.response.header(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    ctx.response.attachment(`camera-${todayIso()}.xlsx`)
    return ctx.response.send(body)
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    return view.render('pages/cameras/import', { problems: [], missing: [] })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const file = ctx.request.file('file', { size: MAX_FILE_BYTES })
    const fail = (key: string, params: Record<string, string | number> = {}) => {
      ctx.session.flash('error', ctx.i18n.t(key, params))
      return ctx.response.redirect().toRoute('cameras.import')
    }
    if (!file?.tmpPath) return fail('uploads.missing')
    if (file.errors.some((e) => e.type === 'size')) return fail('uploads.size')
    try {
      const rows = await readSpreadsheet(await readFile(file.tmpPath))
      const parsed = parseCameraSheet(rows, {
        vi: (k, d) => i18nManager.locale('vi').t(k, d),
        en: (k, d) => i18nManager.locale('en').t(k, d),
      })
      if (parsed.missing.length) {
        return ctx.view.render('pages/cameras/import', { problems: [], missing: parsed.missing })
      }
      const result = await importCameras(actorFromContext(ctx), parsed.rows)
      ctx.session.flash('success', ctx.i18n.t('cameras.import.done', result))
      return ctx.response.redirect().toRoute('cameras.index')
    } catch (error) {
      if (error instanceof SpreadsheetFileError) {
        return fail(`donation_import.file.${error.code}`, error.params)
      }
      if (error instanceof CameraImportError) {
        return ctx.view.render('pages/cameras/import', { problems: error.problems, missing: [] })
      }
      throw error
    }
  }
}
