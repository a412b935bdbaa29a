import type { HttpContext } from '@adonisjs/core/http'
import BudgetLine from '#models/budget_line'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { budgetLineValidator, toBudgetLineFields } from '#validators/expense'
import { moneyByFund, scopeFrom } from '#services/finance/programme_money'
import { budgetLineJson, summaryJson } from '#services/expenses/api_json'
import { actorFromContext } from '#services/audit'
import FigureCache from '#services/figure_cache'

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

  /**
   * {scope, fund_id, raised, paid, committed, balance, shortfall, lines, funds} in whole đồng.
   * `fund_id` absent or `all`: every fund together, with each fund apart in `funds`.
   */
  async summary({ bouncer, request, response, i18n }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const scope = scopeFrom(request.input('fund_id'))
    const money = await (
      await FigureCache.now()
    ).get('money-by-fund', ['money'], () => moneyByFund())
    const figures = scope === 'all' ? money.all : money.funds.find((f) => f.scope === scope)
    if (!figures) {
      return response.unprocessableEntity({
        errors: [{ field: 'fund_id', message: i18n.t('funds.unknown_fund') }],
      })
    }
    return {
      ...summaryJson(figures),
      funds: scope === 'all' ? money.funds.map(summaryJson) : undefined,
    }
  }
}
