import type { HttpContext } from '@adonisjs/core/http'
import { honourRoll } from '#services/donations/donation_queries'
import { moneyForPages } from '#services/finance/programme_money'
import { campaignsWithTarget } from '#services/finance/campaigns'

/** "Công khai tài chính": what was raised, spent and from whom, for anyone, without login. */
export default class PublicFinanceController {
  async show({ view }: HttpContext) {
    // One after the other: queries on one connection must not overlap.
    const programme = await moneyForPages()
    const donors = await honourRoll()
    const campaigns = await campaignsWithTarget()
    return view.render('pages/public/finance', {
      donors,
      campaigns,
      raised: programme.raised,
      programme,
      spent: programme.lines.length > 0 ? programme.paid : null,
    })
  }
}
