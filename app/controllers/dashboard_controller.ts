import type { HttpContext } from '@adonisjs/core/http'
import SystemHealth from '#services/system_health'
import {
  camerasByStatus,
  coverageStrips,
  donationsPerMonth,
  moneyFigures,
  ticketFigures,
} from '#services/dashboard/dashboard_figures'

/** The page after login: the system's state, then the figures the user's role may see. */
export default class DashboardController {
  async index({ view, bouncer }: HttpContext) {
    const health = await SystemHealth.check()
    const money = (await bouncer.with('DonationPolicy').allows('view'))
      ? { ...(await moneyFigures()), months: await donationsPerMonth() }
      : null
    const cameras = (await bouncer.with('CameraPolicy').allows('view'))
      ? { byStatus: await camerasByStatus(), coverage: await coverageStrips() }
      : null
    const tickets = (await bouncer.with('TicketPolicy').allows('view'))
      ? await ticketFigures()
      : null
    return view.render('pages/dashboard', { health, money, cameras, tickets })
  }
}
