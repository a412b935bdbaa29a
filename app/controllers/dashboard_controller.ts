import type { HttpContext } from '@adonisjs/core/http'
import SystemHealth from '#services/system_health'
import { todoFor } from '#services/dashboard/todo'
import {
  camerasByStatus,
  coverageStrips,
  donationsPerMonth,
  ticketFigures,
} from '#services/dashboard/dashboard_figures'
import { camerasPerLocation, savedReportLevel } from '#services/locations/location_tree'
import { moneyForPages } from '#services/finance/programme_money'

/**
 * The page after login: what waits for this person first, then the system's state (for
 * those who run cameras), then the figures the user's role may see.
 */
export default class DashboardController {
  async index({ view, bouncer, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const todo = await todoFor(user)
    // Recording health matters to those who run cameras and footage, not to the money side.
    const showSystem = ['admin', 'technician', 'operator'].includes(user.role)
    const health = await SystemHealth.check()
    const money = (await bouncer.with('DonationPolicy').allows('view'))
      ? { ...(await moneyForPages()), months: await donationsPerMonth() }
      : null
    const cameras = (await bouncer.with('CameraPolicy').allows('view'))
      ? {
          byStatus: await camerasByStatus(),
          // Counted at the level the committee reports by (one rule with the report).
          byLocation: await camerasPerLocation(await savedReportLevel()),
          coverage: await coverageStrips(),
        }
      : null
    const tickets = (await bouncer.with('TicketPolicy').allows('view'))
      ? await ticketFigures()
      : null
    return view.render('pages/dashboard', { todo, showSystem, health, money, cameras, tickets })
  }
}
