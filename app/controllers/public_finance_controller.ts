import type { HttpContext } from '@adonisjs/core/http'
import { fundSummary, honourRoll } from '#services/donations/donation_queries'

/** "Công khai tài chính": what was raised and from whom, for anyone, without login. */
export default class PublicFinanceController {
  async show({ view }: HttpContext) {
    // One after the other: queries on one connection must not overlap.
    const funds = await fundSummary()
    const donors = await honourRoll()
    const raised = funds.reduce((sum, f) => sum + f.net, 0)
    return view.render('pages/public/finance', { funds, donors, raised })
  }
}
