import type { HttpContext } from '@adonisjs/core/http'
import BudgetLine from '#models/budget_line'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { budgetLineValidator, toBudgetLineFields } from '#validators/expense'
import { programmeSummary } from '#services/expenses/programme_summary'
import { budgetLineJson } from '#services/expenses/api_json'
import { actorFromContext } from '#services/audit'

/** /api/v1/budget-lines and /api/v1/programme/summary. */
export default class BudgetController {
  async index({ bouncer }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const lines = await BudgetLine.query().orderBy('id')
    return { data: lines.map(budgetLineJson) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('manageBudget')
    const payload = await ctx.request.validateUsing(budgetLineValidator)
    const fund = await Fund.default()
    const line = await saveBudgetLine({
      actor: actorFromContext(ctx),
      fields: toBudgetLineFields(payload, fund.id),
    })
    return ctx.response.created({ data: budgetLineJson(line) })
  }

  /** {raised, paid, committed, balance, lines:[{name, approved, paid}]} in whole đồng. */
  async summary({ bouncer, request }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const fundId = Number(request.input('fund_id')) || undefined
    const s = await programmeSummary(fundId)
    return {
      fund_id: s.fundId,
      raised: s.raised,
      paid: s.paid,
      committed: s.committed,
      balance: s.balance,
      lines: s.lines.map((l) => ({
        id: l.id,
        name: l.name,
        approved: l.approved,
        paid: l.paid,
        committed: l.committed,
        remaining: l.remaining,
      })),
    }
  }
}
