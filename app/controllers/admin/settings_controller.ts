import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#services/audit'
import { publicAddressValidator, transcodingValidator } from '#validators/settings'
import {
  defaultTranscodeSettings,
  RENDITION_CORE_SHARE,
  saveTranscodeSettings,
  transcodeSettings,
} from '#services/footage/viewing'
import {
  addressWarning,
  readPublicAddress,
  savePublicAddress,
} from '#services/settings/public_address'

/**
 * The admin's settings: the public address printed on QR labels and public pages, and how
 * many H.264 copies of H.265 cameras the server may make at once for viewing.
 */
export default class SettingsController {
  async edit({ view, bouncer, request }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('viewList')
    const { url } = await readPublicAddress()
    return view.render('pages/admin/settings/edit', {
      url,
      warning: addressWarning(url),
      current: `${request.protocol()}://${request.host()}`,
      transcoding: await transcodeSettings(),
      transcodingDefault: defaultTranscodeSettings().maxTranscodes,
      coreShare: RENDITION_CORE_SHARE,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('viewList')
    const { public_url: url } = await ctx.request.validateUsing(publicAddressValidator)
    await savePublicAddress(actorFromContext(ctx), url ?? null)
    ctx.session.flash('success', ctx.i18n.t('settings.saved'))
    return ctx.response.redirect().toRoute('admin.settings.edit')
  }

  async updateTranscoding(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('viewList')
    const { max_transcodes: maxTranscodes } = await ctx.request.validateUsing(transcodingValidator)
    await saveTranscodeSettings(actorFromContext(ctx), { maxTranscodes })
    ctx.session.flash('success', ctx.i18n.t('settings.saved'))
    return ctx.response.redirect().toRoute('admin.settings.edit')
  }
}
