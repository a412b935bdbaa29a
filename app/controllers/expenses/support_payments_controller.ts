import type { HttpContext } from '@adonisjs/core/http'
import BudgetLine from '#models/budget_line'
import createSupportRun, { SupportRunError } from '#actions/support/create_support_run'
import { supportRunValidator } from '#validators/support'
import { monthQueryValidator } from '#validators/month'
import { parseSupportMonth, supportLines, supportRuns } from '#services/support/support_month'
import { actorFromContext } from '#services/audit'
import { todayIso } from '#services/dates'

/** Hosting households' monthly support: the month's list, the run, and the runs so far. */
export default class SupportPaymentsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('viewSupport')
    const { month: asked } = await request.validateUsing(monthQueryValidator, {
      data: request.qs(),
    })
    const month = parseSupportMonth(asked ?? todayIso().slice(0, 7))!
    const lines = await supportLines(month)
    const budgetLines = await BudgetLine.query().orderBy('id')
    // A line named for support ("Hỗ trợ hộ đặt camera") is the usual choice.
    const suggested = budgetLines.find((l) => /hỗ trợ/i.test(l.name)) ?? budgetLines[0]
    return view.render('pages/support/index', {
      month,
      lines,
      due: lines.filter((l) => l.paymentId === null),
      runs: await supportRuns(),
      budgetLines,
      suggestedLineId: suggested?.id ?? null,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('runSupport')
    const payload = await ctx.request.validateUsing(supportRunValidator)
    const month = parseSupportMonth(payload.month)!
    try {
      const run = await createSupportRun({
        actor: actorFromContext(ctx),
        month,
        budgetLineId: payload.budget_line_id,
      })
      ctx.session.flash(
        'success',
        ctx.i18n.t('support.created', { month: month.label, households: run.households })
      )
      return ctx.response.redirect().toRoute('expenses.show', { id: run.expenseId })
    } catch (error) {
      if (!(error instanceof SupportRunError)) throw error
      ctx.session.flash(
        'error',
        ctx.i18n.t(`support.errors.${error.reason}`, { month: month.label })
      )
      return ctx.response.redirect().toRoute('support.index', {}, { qs: { month: month.key } })
    }
  }
}
