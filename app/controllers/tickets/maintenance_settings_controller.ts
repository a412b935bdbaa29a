import type { HttpContext } from '@adonisjs/core/http'
import {
  automaticTicketSettings,
  defaultTicketSettings,
  TICKET_SETTINGS_KEY,
} from '#actions/tickets/automatic_tickets'
import { ticketSettingsValidator } from '#validators/ticket'
import { writeSetting } from '#services/settings/app_settings'
import { actorFromContext } from '#services/audit'

/** The automatic-ticket thresholds, changed in the web; the recorder reads them each minute. */
export default class MaintenanceSettingsController {
  async edit({ view, bouncer }: HttpContext) {
    await bouncer.with('TicketPolicy').authorize('configure')
    return view.render('pages/tickets/settings', {
      settings: await automaticTicketSettings(),
      defaults: defaultTicketSettings(),
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('configure')
    const p = await ctx.request.validateUsing(ticketSettingsValidator)
    await writeSetting({
      actor: actorFromContext(ctx),
      key: TICKET_SETTINGS_KEY,
      defaults: defaultTicketSettings(),
      value: {
        offlineMinutes: p.offline_minutes,
        flapOutages: p.flap_outages,
        flapWindowMinutes: p.flap_window_minutes,
        recoveryMinutes: p.recovery_minutes,
      },
    })
    ctx.session.flash('success', ctx.i18n.t('schedules.settings_saved'))
    return ctx.response.redirect().toRoute('maintenance.settings')
  }
}
