import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'

export interface LineSummary {
  id: number
  name: string
  approved: number
  paid: number
  /** Approved but not yet paid. */
  committed: number
  /** approved − paid − committed; negative when overspent. */
  remaining: number
}

export interface ProgrammeSummary {
  fundId: number
  fundName: string
  raised: number
  paid: number
  committed: number
  /** raised − paid; negative is the shortfall. */
  balance: number
  lines: LineSummary[]
}

/**
 * The programme's figures, all sums of ledger rows: donations (net of reversals) raised,
 * expenses paid and approved-but-unpaid (reversals included, so they net out).
 */
export async function programmeSummary(fundId?: number): Promise<ProgrammeSummary> {
  const fund = fundId ? await Fund.findOrFail(fundId) : await Fund.default()
  const raisedRow = await db
    .from('donations')
    .where('fund_id', fund.id)
    .select(db.raw('coalesce(sum(amount), 0)::bigint as total'))
    .first()
  const rows = await db
    .from('budget_lines')
    .leftJoin('expenses', 'expenses.budget_line_id', 'budget_lines.id')
    .where('budget_lines.fund_id', fund.id)
    .groupBy('budget_lines.id')
    .orderBy('budget_lines.id')
    .select(
      'budget_lines.id',
      'budget_lines.name',
      'budget_lines.approved_amount',
      db.raw(
        `coalesce(sum(expenses.amount) filter (where expenses.status = 'paid'), 0)::bigint as paid`
      ),
      db.raw(
        `coalesce(sum(expenses.amount) filter (where expenses.status = 'approved'), 0)::bigint as committed`
      )
    )
  const lines = rows.map((r) => {
    const approved = Number(r.approved_amount)
    const paid = Number(r.paid)
    const committed = Number(r.committed)
    return {
      id: r.id,
      name: r.name,
      approved,
      paid,
      committed,
      remaining: approved - paid - committed,
    }
  })
  const raised = Number(raisedRow.total)
  const paid = lines.reduce((s, l) => s + l.paid, 0)
  const committed = lines.reduce((s, l) => s + l.committed, 0)
  return {
    fundId: fund.id,
    fundName: fund.name,
    raised,
    paid,
    committed,
    balance: raised - paid,
    lines,
  }
}
