import type { HttpContext } from '@adonisjs/core/http'
import { SimplePaginator } from '@adonisjs/lucid/database'
import FigureCache from '#services/figure_cache'
import { todayIso } from '#services/dates'
import { honourRoll } from '#services/donations/donation_queries'
import { moneyForPages } from '#services/finance/programme_money'
import { campaignsWithTarget } from '#services/finance/campaigns'

/** Donors per page of the honour roll: a phone scrolls 100 rows, not a commune's thousands. */
const DONORS_PER_PAGE = 100

/** "Công khai tài chính": what was raised, spent and from whom, for anyone, without login. */
export default class PublicFinanceController {
  async show({ view, request }: HttpContext) {
    // Computed once per change to the ledger or the cameras (FigureCache), not per visitor.
    const figures = await FigureCache.now()
    const programme = await figures.get('programme-money', ['money'], () => moneyForPages())
    const roll = await figures.get('honour-roll', ['money'], () => honourRoll())
    // A campaign's deadline passes with the date: the key names the day.
    const campaigns = await figures.get(`campaigns:${todayIso()}`, ['money', 'cameras'], () =>
      campaignsWithTarget()
    )
    const lastPage = Math.max(1, Math.ceil(roll.length / DONORS_PER_PAGE))
    const asked = Number(request.input('page', 1))
    const page = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), lastPage) : 1
    const from = (page - 1) * DONORS_PER_PAGE
    const donors = new SimplePaginator(
      roll.length,
      DONORS_PER_PAGE,
      page,
      ...roll.slice(from, from + DONORS_PER_PAGE)
    )
    donors.baseUrl(request.url())
    return view.render('pages/public/finance', {
      donors,
      firstRank: from + 1,
      campaigns,
      raised: programme.raised,
      programme,
      spent: programme.lines.length > 0 ? programme.paid : null,
    })
  }
}
