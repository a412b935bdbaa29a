import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import SystemHealth from '#services/system_health'
import FigureCache from '#services/figure_cache'
import { DISPLAY_ZONE, todayIso } from '#services/dates'
import { todoFor } from '#services/dashboard/todo'
import {
  camerasByStatus,
  coverageStrips,
  leastCoveredFirst,
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
    // The figures are the same for everyone who may see them: computed once per change to
    // what they count (FigureCache), not once per visit.
    const figures = await FigureCache.now()
    // Recording health matters to those who run cameras and footage, not to the money side.
    const showSystem = ['admin', 'technician', 'operator'].includes(user.role)
    const health = showSystem ? await SystemHealth.check() : null
    // The admin's to-do reads the same health: checked once per page.
    const todo = await todoFor(user, figures, health)
    const money = (await bouncer.with('DonationPolicy').allows('view'))
      ? {
          ...(await figures.get('programme-money', ['money'], () => moneyForPages())),
          months: await figures.get(`donations-per-month:${thisMonth()}`, ['money'], () =>
            donationsPerMonth()
          ),
        }
      : null
    const cameras = (await bouncer.with('CameraPolicy').allows('view'))
      ? {
          byStatus: await figures.get('cameras-by-status', ['cameras'], () => camerasByStatus()),
          // Counted at the level the committee reports by (one rule with the report).
          byLocation: await figures.get('cameras-by-location', ['cameras'], async () =>
            camerasPerLocation(await savedReportLevel())
          ),
          // Today's share grows with the clock too: a minute at most behind it.
          coverage: await figures.get(
            `coverage:${todayIso()}`,
            ['recordings', 'cameras'],
            async () => leastCoveredFirst(await coverageStrips()),
            { maxAgeMs: 60_000 }
          ),
        }
      : null
    const tickets = (await bouncer.with('TicketPolicy').allows('view'))
      ? await figures.get('ticket-figures', ['tickets', 'cameras'], () => ticketFigures(), {
          maxAgeMs: 60_000,
        })
      : null
    return view.render('pages/dashboard', { todo, showSystem, health, money, cameras, tickets })
  }
}

/** This month in the commune's time zone (the chart's last bar). */
const thisMonth = () => DateTime.now().setZone(DISPLAY_ZONE).toFormat('yyyy-MM')
