import type { HttpContext } from '@adonisjs/core/http'
import { fundSummary, honourRoll } from '#services/donations/donation_queries'
import { programmeSummary } from '#services/expenses/programme_summary'

/** "Công khai tài chính": what was raised, spent and from whom, for anyone, without login. */
export default class PublicFinanceController {
  async show({ view }: HttpContext) {
    // One after the other: queries on one connection must not overlap.
    const funds = await fundSummary()
    const donors = await honourRoll()
    const programme = await programmeSummary()
    const raised = funds.reduce((sum, f) => sum + f.net, 0)
    const hasSpending = programme.lines.length > 0
    return view.render('pages/public/finance', {
      funds,
      donors,
      raised,
      programme,
      spent: hasSpending ? programme.paid : null,
    })
  }
}
