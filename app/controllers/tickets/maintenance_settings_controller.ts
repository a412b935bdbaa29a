import type { HttpContext } from '@adonisjs/core/http'
import {
  automaticTicketSettings,
  defaultTicketSettings,
  TICKET_SETTINGS_KEY,
} from '#actions/tickets/automatic_tickets'
import { ticketSettingsValidator } from '#validators/ticket'
import { writeSettings } from '#services/settings/app_settings'
import {
  defaultEdgeSettings,
  EDGE_SETTINGS_KEY,
  edgeRecoverySettings,
} from '#services/cameras/edge_replay'
import { actorFromContext } from '#services/audit'

/**
 * What the recorder reads from the web: automatic-ticket thresholds (each minute) and the
 * rate footage is pulled from SD cards at (before each window).
 */
export default class MaintenanceSettingsController {
  async edit({ view, bouncer }: HttpContext) {
    await bouncer.with('TicketPolicy').authorize('configure')
    return view.render('pages/tickets/settings', {
      settings: await automaticTicketSettings(),
      defaults: defaultTicketSettings(),
      edge: await edgeRecoverySettings(),
      edgeDefaults: defaultEdgeSettings(),
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('configure')
    const p = await ctx.request.validateUsing(ticketSettingsValidator)
    await writeSettings(actorFromContext(ctx), [
      {
        key: TICKET_SETTINGS_KEY,
        defaults: defaultTicketSettings(),
        value: {
          offlineMinutes: p.offline_minutes,
          flapOutages: p.flap_outages,
          flapWindowMinutes: p.flap_window_minutes,
          recoveryMinutes: p.recovery_minutes,
        },
      },
      {
        key: EDGE_SETTINGS_KEY,
        defaults: defaultEdgeSettings(),
        value: { kbps: p.edge_recovery_kbps ?? (await edgeRecoverySettings()).kbps },
      },
    ])
    ctx.session.flash('success', ctx.i18n.t('schedules.settings_saved'))
    return ctx.response.redirect().toRoute('maintenance.settings')
  }
}
