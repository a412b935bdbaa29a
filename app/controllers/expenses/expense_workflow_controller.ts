import type { HttpContext } from '@adonisjs/core/http'
import Expense from '#models/expense'
import {
  approveExpense,
  ExpenseStateError,
  payExpense,
  rejectExpense,
  reverseExpense,
  submitExpense,
} from '#actions/expenses/workflow'
import allocateExpense from '#actions/expenses/allocate_expense'
import { allocationValidator, expenseReasonValidator } from '#validators/expense'
import { actorFromContext } from '#services/audit'

/** The steps: submit, approve/reject (committee), pay (treasurer), reverse; and spreading. */
export default class ExpenseWorkflowController {
  async submit(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const expense = await Expense.findOrFail(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('editDraft', expense)
    return this.run(ctx, expense, 'submitted', () =>
      submitExpense({ actor: actorFromContext(ctx), expenseId: expense.id })
    )
  }

  async approve(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('decide')
    const expense = await Expense.findOrFail(ctx.params.id)
    return this.run(ctx, expense, 'approved', () =>
      approveExpense({ actor: actorFromContext(ctx), expenseId: expense.id })
    )
  }

  async reject(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('decide')
    const expense = await Expense.findOrFail(ctx.params.id)
    const { reason } = await ctx.request.validateUsing(expenseReasonValidator)
    return this.run(ctx, expense, 'rejected', () =>
      rejectExpense({ actor: actorFromContext(ctx), expenseId: expense.id, reason })
    )
  }

  async pay(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('pay')
    const expense = await Expense.findOrFail(ctx.params.id)
    return this.run(ctx, expense, 'paid', () =>
      payExpense({ actor: actorFromContext(ctx), expenseId: expense.id })
    )
  }

  async reverse(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('reverseAny')
    const expense = await Expense.findOrFail(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('reverse', expense)
    const { reason } = await ctx.request.validateUsing(expenseReasonValidator)
    return this.run(ctx, expense, 'reversed', () =>
      reverseExpense({ actor: actorFromContext(ctx), expenseId: expense.id, reason })
    )
  }

  async allocate(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('allocate')
    const expense = await Expense.findOrFail(ctx.params.id)
    const { camera_codes: codes } = await ctx.request.validateUsing(allocationValidator)
    await allocateExpense({
      actor: actorFromContext(ctx),
      expenseId: expense.id,
      cameraCodes: codes.split(/[\s,;]+/),
    })
    ctx.session.flash('success', ctx.i18n.t('expenses.allocated'))
    return ctx.response.redirect().toRoute('expenses.show', { id: expense.id })
  }

  protected async run(
    ctx: HttpContext,
    expense: Expense,
    done: string,
    work: () => Promise<unknown>
  ) {
    try {
      await work()
      ctx.session.flash('success', ctx.i18n.t(`expenses.done.${done}`))
    } catch (error) {
      if (!(error instanceof ExpenseStateError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`expenses.state.${error.reason}`))
    }
    return ctx.response.redirect().toRoute('expenses.show', { id: expense.id })
  }
}
