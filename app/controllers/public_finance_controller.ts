import type { HttpContext } from '@adonisjs/core/http'
import { honourRoll } from '#services/donations/donation_queries'
import { moneyByFund } from '#services/finance/programme_money'

/** "Công khai tài chính": what was raised, spent and from whom, for anyone, without login. */
export default class PublicFinanceController {
  async show({ view }: HttpContext) {
    // One after the other: queries on one connection must not overlap.
    const money = await moneyByFund()
    const donors = await honourRoll()
    const hasSpending = money.all.lines.length > 0
    return view.render('pages/public/finance', {
      donors,
      raised: money.all.raised,
      programme: { ...money.all, funds: money.funds.length > 1 ? money.funds : [] },
      spent: hasSpending ? money.all.paid : null,
    })
  }
}
