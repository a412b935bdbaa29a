import { rowId } from '#validators/ids'
import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { EXPENSE_STATUSES } from '#models/expense'
import { amount, amountOrZero, day, pastDay } from '#validators/donation'

const docNo = () => vine.string().trim().maxLength(60).optional()

export const budgetLineValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(200),
    approved_amount: amountOrZero(),
    fund_id: rowId('funds').optional(),
    period_start: day().optional(),
    period_end: day().optional(),
    note: vine.string().trim().maxLength(2000).optional(),
    is_maintenance: vine.boolean().optional(),
  })
)
export type BudgetLinePayload = Infer<typeof budgetLineValidator>

/** An expense: quantity × unit price (10 × 130.000), or a lump sum in `amount`. */
export const expenseValidator = vine.compile(
  vine.object({
    budget_line_id: rowId('budget_lines'),
    payee: vine.string().trim().minLength(2).maxLength(200),
    description: vine.string().trim().minLength(2).maxLength(500),
    quantity: vine
      .number()
      .withoutDecimals()
      .min(1)
      .max(1_000_000)
      .optional()
      .requiredIfExists('unit_price'),
    unit_price: amount().optional().requiredIfExists('quantity'),
    amount: amount().optional().requiredIfMissing('quantity'),
    spent_on: pastDay(),
    contract_no: docNo(),
    invoice_no: docNo(),
    voucher_no: docNo(),
    note: vine.string().trim().maxLength(2000).optional(),
  })
)
export type ExpensePayload = Infer<typeof expenseValidator>

export const expenseReasonValidator = vine.compile(
  vine.object({ reason: vine.string().trim().minLength(5).maxLength(500) })
)

export const expenseFilterValidator = vine.compile(
  vine.object({
    status: vine.enum(EXPENSE_STATUSES).optional(),
    budget_line_id: vine.number().withoutDecimals().positive().optional(),
    page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  })
)

/** Cameras to spread an expense over: codes separated by commas, spaces or lines. */
export const allocationValidator = vine.compile(
  vine.object({
    camera_codes: vine
      .string()
      .trim()
      .minLength(1)
      .maxLength(20_000)
      .regex(/^[\w\-.]+([\s,;]+[\w\-.]+)*$/),
  })
)

/** The action's fields from a validated expense form or API body. */
export function toExpenseFields(payload: ExpensePayload) {
  return {
    budgetLineId: payload.budget_line_id,
    payee: payload.payee,
    description: payload.description,
    quantity: payload.quantity ?? null,
    unitPrice: payload.unit_price ?? null,
    amount: payload.amount ?? null,
    spentOn: payload.spent_on,
    contractNo: payload.contract_no,
    invoiceNo: payload.invoice_no,
    voucherNo: payload.voucher_no,
    note: payload.note,
  }
}

export function toBudgetLineFields(payload: BudgetLinePayload, fundId: number) {
  return {
    fundId: payload.fund_id ?? fundId,
    name: payload.name,
    approvedAmount: payload.approved_amount,
    periodStart: payload.period_start ?? null,
    periodEnd: payload.period_end ?? null,
    note: payload.note,
    isMaintenance: payload.is_maintenance ?? false,
  }
}
