import db from '@adonisjs/lucid/services/db'

/**
 * The programme's money, in one place: raised (donations net of reversals), paid and
 * committed (approved, not yet paid) expenses, and what is left or missing. Every page, the
 * API and the committee's workbook take their figures from here, with the fund scope said
 * out loud: `'all'` (every fund: what the programme as a whole raised and spent) or one
 * fund's id. Figures are sums of ledger rows, nothing else.
 */
export type FundScope = 'all' | number

export interface LineFigures {
  id: number
  fundId: number
  name: string
  approved: number
  paid: number
  /** Approved but not yet paid. */
  committed: number
  /** approved − paid − committed; negative when overspent. */
  remaining: number
}

export interface MoneyFigures {
  scope: FundScope
  /** The fund's name, or null for all funds. */
  fundName: string | null
  raised: number
  paid: number
  committed: number
  /** raised − paid; negative when more was paid than raised. */
  balance: number
  /** What is missing when more was paid than raised, else 0 (the report's "còn thiếu"). */
  shortfall: number
  /** What is left when more was raised than paid, else 0 (never both above zero). */
  left: number
  lines: LineFigures[]
}

export interface MoneyByFund {
  /** Every fund together. */
  all: MoneyFigures
  /** Each fund apart, the default fund first; they add up to `all`. */
  funds: MoneyFigures[]
}

export interface MoneyCut {
  /** Only donations received and expenses paid on or before this commune day (`yyyy-mm-dd`). */
  until?: string
}

function figures(
  scope: FundScope,
  fundName: string | null,
  raised: number,
  lines: LineFigures[]
): MoneyFigures {
  const paid = lines.reduce((s, l) => s + l.paid, 0)
  const committed = lines.reduce((s, l) => s + l.committed, 0)
  return {
    scope,
    fundName,
    raised,
    paid,
    committed,
    balance: raised - paid,
    shortfall: Math.max(0, paid - raised),
    left: Math.max(0, raised - paid),
    lines,
  }
}

/** All funds together and each fund apart, from two queries. */
export async function moneyByFund(cut: MoneyCut = {}): Promise<MoneyByFund> {
  const funds = await db
    .from('funds')
    .leftJoin('donations', (join) => {
      join.on('donations.fund_id', 'funds.id')
      if (cut.until) join.andOnVal('donations.received_on', '<=', cut.until)
    })
    .groupBy('funds.id')
    .orderBy('funds.is_default', 'desc')
    .orderBy('funds.id')
    .select(
      'funds.id',
      'funds.name',
      db.raw('coalesce(sum(donations.amount), 0)::bigint as raised')
    )
  const rows = await db
    .from('budget_lines')
    .leftJoin('expenses', 'expenses.budget_line_id', 'budget_lines.id')
    .groupBy('budget_lines.id')
    .orderBy('budget_lines.id')
    .select(
      'budget_lines.id',
      'budget_lines.fund_id',
      'budget_lines.name',
      'budget_lines.approved_amount',
      db.raw(
        `coalesce(sum(expenses.amount) filter (where expenses.status = 'paid'
           and (?::date is null or expenses.spent_on <= ?::date)), 0)::bigint as paid`,
        [cut.until ?? null, cut.until ?? null]
      ),
      db.raw(
        `coalesce(sum(expenses.amount) filter (where expenses.status = 'approved'), 0)::bigint as committed`
      )
    )
  const lines: LineFigures[] = rows.map((r) => {
    const approved = Number(r.approved_amount)
    const paid = Number(r.paid)
    const committed = Number(r.committed)
    return {
      id: Number(r.id),
      fundId: Number(r.fund_id),
      name: r.name,
      approved,
      paid,
      committed,
      remaining: approved - paid - committed,
    }
  })
  const perFund = funds.map((f) =>
    figures(
      Number(f.id),
      f.name,
      Number(f.raised),
      lines.filter((l) => l.fundId === Number(f.id))
    )
  )
  const raised = perFund.reduce((s, f) => s + f.raised, 0)
  return { all: figures('all', null, raised, lines), funds: perFund }
}

/**
 * What the dashboard and the public page show: every fund together, and each fund apart
 * only when there are several (one fund would repeat the totals).
 */
export async function moneyForPages(cut: MoneyCut = {}) {
  const money = await moneyByFund(cut)
  return { ...money.all, funds: money.funds.length > 1 ? money.funds : [] }
}

/** One scope's figures; an unknown fund id is an error, never another fund's figures. */
export async function programmeMoney(scope: FundScope, cut: MoneyCut = {}): Promise<MoneyFigures> {
  const money = await moneyByFund(cut)
  if (scope === 'all') return money.all
  const fund = money.funds.find((f) => f.scope === scope)
  if (!fund) throw new UnknownFundError(scope)
  return fund
}

export class UnknownFundError extends Error {
  constructor(public fundId: number) {
    super(`Không có quỹ #${fundId} / no fund #${fundId}`)
  }
}

/**
 * The scope a page or API call asked for: `fund_id=all` or nothing is every fund, a number
 * is that fund; anything else (`fund_id=abc`) is refused by the caller's validator.
 */
export function scopeFrom(input: unknown): FundScope | null {
  if (input === undefined || input === null || input === '' || input === 'all') return 'all'
  const id = Number(input)
  return Number.isInteger(id) && id > 0 ? id : null
}
