import type { HttpContext } from '@adonisjs/core/http'
import BudgetLine from '#models/budget_line'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { budgetLineValidator, toBudgetLineFields } from '#validators/expense'
import { programmeMoney, scopeFrom } from '#services/finance/programme_money'
import { actorFromContext } from '#services/audit'

/** The committee's view: raised, paid, committed, balance, and each budget line. */
export default class BudgetController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const funds = await Fund.query().orderBy('id')
    // Every fund unless one is chosen (and it exists): the page names its scope.
    const asked = scopeFrom(request.input('fund_id'))
    const scope = asked !== 'all' && funds.some((f) => f.id === asked) ? asked! : 'all'
    const summary = await programmeMoney(scope)
    return view.render('pages/budget/index', { summary, funds })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('manageBudget')
    return view.render('pages/budget/form', { line: null, funds: await Fund.query().orderBy('id') })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('manageBudget')
    const payload = await ctx.request.validateUsing(budgetLineValidator)
    const fund = await Fund.default()
    await saveBudgetLine({
      actor: actorFromContext(ctx),
      fields: toBudgetLineFields(payload, fund.id),
    })
    ctx.session.flash('success', ctx.i18n.t('budget.saved'))
    return ctx.response.redirect().toRoute('budget.index')
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('manageBudget')
    const line = await BudgetLine.findOrFail(params.id)
    return view.render('pages/budget/form', { line, funds: await Fund.query().orderBy('id') })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('manageBudget')
    const line = await BudgetLine.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(budgetLineValidator)
    await saveBudgetLine({
      actor: actorFromContext(ctx),
      lineId: line.id,
      fields: toBudgetLineFields(payload, line.fundId),
    })
    ctx.session.flash('success', ctx.i18n.t('budget.saved'))
    return ctx.response.redirect().toRoute('budget.index')
  }
}
