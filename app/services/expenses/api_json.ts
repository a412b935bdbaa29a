import type { MoneyFigures } from '#services/finance/programme_money'
import type Expense from '#models/expense'
import type BudgetLine from '#models/budget_line'

export function budgetLineJson(line: BudgetLine) {
  return {
    id: line.id,
    fund_id: line.fundId,
    name: line.name,
    approved_amount: line.approvedAmount,
    period_start: line.periodStart,
    period_end: line.periodEnd,
    note: line.note,
  }
}

const iso = (value: { toISO(): string | null } | null) => (value ? value.toISO() : null)

export function expenseJson(expense: Expense) {
  const reversal = expense.$preloaded.reversal as Expense | null | undefined
  return {
    id: expense.id,
    kind: expense.kind,
    status: expense.status,
    budget_line_id: expense.budgetLineId,
    payee: expense.payee,
    description: expense.description,
    quantity: expense.quantity,
    unit_price: expense.unitPrice,
    amount: expense.amount,
    spent_on: expense.spentOn,
    contract_no: expense.contractNo,
    invoice_no: expense.invoiceNo,
    voucher_no: expense.voucherNo,
    note: expense.note,
    reverses_id: expense.reversesId,
    reason: expense.reason,
    rejection_reason: expense.rejectionReason,
    reversed_by: reversal ? { id: reversal.id, reason: reversal.reason } : null,
    created_by: expense.createdBy,
    submitted: expense.submittedBy
      ? { by: expense.submittedBy, at: iso(expense.submittedAt) }
      : null,
    approved: expense.approvedBy ? { by: expense.approvedBy, at: iso(expense.approvedAt) } : null,
    paid: expense.paidBy ? { by: expense.paidBy, at: iso(expense.paidAt) } : null,
    rejected: expense.rejectedBy ? { by: expense.rejectedBy, at: iso(expense.rejectedAt) } : null,
  }
}

/** One scope of the programme's money (programme_money.ts) in the API's words. */
export function summaryJson(m: MoneyFigures) {
  return {
    scope: m.scope,
    fund_id: m.scope === 'all' ? null : m.scope,
    fund_name: m.fundName,
    raised: m.raised,
    paid: m.paid,
    committed: m.committed,
    balance: m.balance,
    shortfall: m.shortfall,
    lines: m.lines.map((l) => ({
      id: l.id,
      fund_id: l.fundId,
      name: l.name,
      approved: l.approved,
      paid: l.paid,
      committed: l.committed,
      remaining: l.remaining,
    })),
  }
}
