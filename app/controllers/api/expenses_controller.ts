import type { HttpContext } from '@adonisjs/core/http'
import Expense from '#models/expense'
import { createExpense } from '#actions/expenses/save_expense'
import {
  approveExpense,
  ExpenseStateError,
  payExpense,
  rejectExpense,
  reverseExpense,
  submitExpense,
} from '#actions/expenses/workflow'
import {
  expenseFilterValidator,
  expenseReasonValidator,
  expenseValidator,
  toExpenseFields,
} from '#validators/expense'
import { expenseJson } from '#services/expenses/api_json'
import { actorFromContext } from '#services/audit'

/** /api/v1/expenses and its workflow steps, with the same rules as the pages. */
export default class ExpensesController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const filter = await request.validateUsing(expenseFilterValidator)
    const query = Expense.query().preload('reversal').orderBy('id', 'desc')
    if (filter.status) query.where('status', filter.status)
    if (filter.budget_line_id) query.where('budget_line_id', filter.budget_line_id)
    const page = await query.paginate(filter.page ?? 1, 100)
    return {
      data: page.all().map(expenseJson),
      meta: { page: page.currentPage, last_page: page.lastPage, total: page.total },
    }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const payload = await ctx.request.validateUsing(expenseValidator)
    const expense = await createExpense({
      actor: actorFromContext(ctx),
      fields: toExpenseFields(payload),
    })
    return ctx.response.created({ data: expenseJson(await this.find(expense.id)) })
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    return { data: expenseJson(await this.find(params.id)) }
  }

  async submit(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const expense = await this.find(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('editDraft', expense)
    return this.step(ctx, () =>
      submitExpense({ actor: actorFromContext(ctx), expenseId: expense.id })
    )
  }

  async approve(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('decide')
    const expense = await this.find(ctx.params.id)
    return this.step(ctx, () =>
      approveExpense({ actor: actorFromContext(ctx), expenseId: expense.id })
    )
  }

  async reject(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('decide')
    const expense = await this.find(ctx.params.id)
    const { reason } = await ctx.request.validateUsing(expenseReasonValidator)
    return this.step(ctx, () =>
      rejectExpense({ actor: actorFromContext(ctx), expenseId: expense.id, reason })
    )
  }

  async pay(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('pay')
    const expense = await this.find(ctx.params.id)
    return this.step(ctx, () => payExpense({ actor: actorFromContext(ctx), expenseId: expense.id }))
  }

  async reverse(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('reverseAny')
    const expense = await this.find(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('reverse', expense)
    const { reason } = await ctx.request.validateUsing(expenseReasonValidator)
    try {
      const reversal = await reverseExpense({
        actor: actorFromContext(ctx),
        expenseId: expense.id,
        reason,
      })
      return ctx.response.created({ data: expenseJson(await this.find(reversal.id)) })
    } catch (error) {
      return this.refused(ctx, error)
    }
  }

  protected async step(ctx: HttpContext, work: () => Promise<Expense>) {
    try {
      const expense = await work()
      return { data: expenseJson(await this.find(expense.id)) }
    } catch (error) {
      return this.refused(ctx, error)
    }
  }

  protected refused(ctx: HttpContext, error: unknown) {
    if (!(error instanceof ExpenseStateError)) throw error
    return ctx.response.conflict({
      errors: [
        {
          code: error.code,
          reason: error.reason,
          message: ctx.i18n.t(`expenses.state.${error.reason}`),
        },
      ],
    })
  }

  protected find(id: number) {
    return Expense.query().where('id', id).preload('reversal').firstOrFail()
  }
}
