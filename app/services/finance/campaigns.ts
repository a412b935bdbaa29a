import db from '@adonisjs/lucid/services/db'
import { moneyByFund, type MoneyFigures } from '#services/finance/programme_money'
import { todayIso } from '#services/dates'

/** A camera a campaign pays for, as its page and the public page list it. */
export interface CampaignCamera {
  id: number
  code: string
  name: string
  status: string
  installedOn: string | null
}

/** A fund seen as a campaign: its goal, what it raised and paid, and its cameras. */
export interface Campaign {
  id: number
  code: string
  name: string
  isDefault: boolean
  purpose: string | null
  /** The goal in đồng, or null for a fund without one. */
  target: number | null
  deadline: string | null
  /** Share of the target raised, in whole percent (may pass 100). */
  percent: number | null
  /** What is still to raise (0 once reached). */
  toRaise: number | null
  /** The deadline passed before the target was reached. */
  overdue: boolean
  money: MoneyFigures
  cameras: CampaignCamera[]
}

/**
 * Every fund as a campaign, the default fund first. Raised and paid come from the programme's
 * money module (one truth); the target, deadline and purpose are the fund's own.
 */
export async function allCampaigns(): Promise<Campaign[]> {
  const funds = await db.from('funds').orderBy('is_default', 'desc').orderBy('id')
  const money = await moneyByFund()
  const cameras = await db
    .from('cameras')
    .whereNotNull('fund_id')
    .orderBy('code')
    .select('id', 'code', 'name', 'status', 'fund_id', 'installed_on')
  const today = todayIso()
  return funds.map((f) => {
    const figures = money.funds.find((m) => m.scope === f.id)!
    const target = f.target_amount === null ? null : Number(f.target_amount)
    const deadline = f.target_deadline ?? null
    return {
      id: f.id,
      code: f.code,
      name: f.name,
      isDefault: f.is_default,
      purpose: f.purpose,
      target,
      deadline,
      percent: target ? Math.floor((figures.raised * 100) / target) : null,
      toRaise: target ? Math.max(0, target - figures.raised) : null,
      overdue: !!(target && deadline && deadline < today && figures.raised < target),
      money: figures,
      cameras: cameras
        .filter((c) => c.fund_id === f.id)
        .map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          status: c.status,
          installedOn: c.installed_on,
        })),
    }
  })
}

/** The campaigns with a target (the public page's progress bars). */
export async function campaignsWithTarget() {
  return (await allCampaigns()).filter((c) => c.target !== null)
}

/** One fund as a campaign; null when there is no such fund. */
export async function campaignOf(fundId: number) {
  return (await allCampaigns()).find((c) => c.id === fundId) ?? null
}

/** What a fund's money bought: its paid expenses (reversed ones left out), newest first. */
export function paidFromFund(fundId: number) {
  return db
    .from('expenses as e')
    .join('budget_lines as b', 'b.id', 'e.budget_line_id')
    .where('b.fund_id', fundId)
    .where('e.kind', 'expense')
    .where('e.status', 'paid')
    .whereNotExists((q) => q.from('expenses as r').whereColumn('r.reverses_id', 'e.id'))
    .orderBy('e.spent_on', 'desc')
    .orderBy('e.id', 'desc')
    .select('e.id', 'e.payee', 'e.description', 'e.amount', 'e.spent_on', 'b.name as line')
}
