import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import BudgetLine from '#models/budget_line'
import Expense from '#models/expense'
import {
  createExpense,
  deleteDraftExpense,
  updateDraftExpense,
} from '#actions/expenses/save_expense'
import { ExpenseStateError } from '#actions/expenses/workflow'
import { expenseFilterValidator, expenseValidator, toExpenseFields } from '#validators/expense'
import { actorFromContext } from '#services/audit'
import { todayIso } from '#services/dates'

/** Entering and browsing expenses; the workflow steps are in ExpenseWorkflowController. */
export default class ExpensesController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const filter = await request.validateUsing(expenseFilterValidator)
    const query = Expense.query()
      .preload('budgetLine')
      .preload('reversal')
      .orderBy('spent_on', 'desc')
      .orderBy('id', 'desc')
    if (filter.status) query.where('status', filter.status)
    if (filter.budget_line_id) query.where('budget_line_id', filter.budget_line_id)
    const expenses = await query.paginate(filter.page ?? 1, 50)
    expenses.baseUrl(request.url()).queryString(request.qs())
    const lines = await BudgetLine.query().orderBy('id')
    return view.render('pages/expenses/index', { expenses, lines, filter: request.qs() })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('create')
    const lines = await BudgetLine.query().preload('fund').orderBy('id')
    return view.render('pages/expenses/form', { expense: null, lines, today: todayIso() })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const payload = await ctx.request.validateUsing(expenseValidator)
    const expense = await createExpense({
      actor: actorFromContext(ctx),
      fields: toExpenseFields(payload),
    })
    ctx.session.flash('success', ctx.i18n.t('expenses.created'))
    return ctx.response.redirect().toRoute('expenses.show', { id: expense.id })
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const expense = await Expense.query()
      .where('id', params.id)
      .preload('budgetLine')
      .preload('creator')
      .preload('submitter')
      .preload('approver')
      .preload('payer')
      .preload('rejecter')
      .preload('attachments')
      .preload('reversal')
      .preload('reverses')
      .firstOrFail()
    const allocations = await db
      .from('expense_allocations')
      .where('expense_id', expense.id)
      .orderBy('id')
    // A household support run: its month, for a link to the list of households it pays.
    const support = await db
      .from('support_payments')
      .where('expense_id', expense.id)
      .select(db.raw(`to_char(month, 'YYYY-MM') as month`))
      .count('* as households')
      .groupBy('month')
      .first()
    return view.render('pages/expenses/show', { expense, allocations, support })
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('create')
    const expense = await Expense.findOrFail(params.id)
    await bouncer.with('ExpensePolicy').authorize('editDraft', expense)
    const lines = await BudgetLine.query().preload('fund').orderBy('id')
    return view.render('pages/expenses/form', { expense, lines, today: todayIso() })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const expense = await Expense.findOrFail(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('editDraft', expense)
    const payload = await ctx.request.validateUsing(expenseValidator)
    try {
      await updateDraftExpense({
        actor: actorFromContext(ctx),
        expenseId: expense.id,
        fields: toExpenseFields(payload),
      })
      ctx.session.flash('success', ctx.i18n.t('expenses.updated'))
    } catch (error) {
      if (!(error instanceof ExpenseStateError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`expenses.state.${error.reason}`))
    }
    return ctx.response.redirect().toRoute('expenses.show', { id: expense.id })
  }

  async destroy(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const expense = await Expense.findOrFail(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('editDraft', expense)
    try {
      await deleteDraftExpense({ actor: actorFromContext(ctx), expenseId: expense.id })
    } catch (error) {
      if (!(error instanceof ExpenseStateError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`expenses.state.${error.reason}`))
      return ctx.response.redirect().toRoute('expenses.show', { id: expense.id })
    }
    ctx.session.flash('success', ctx.i18n.t('expenses.deleted'))
    return ctx.response.redirect().toRoute('expenses.index')
  }
}
