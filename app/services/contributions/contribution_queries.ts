import db from '@adonisjs/lucid/services/db'
import type ContributionScheme from '#models/contribution_scheme'

/** One household in a scheme: what it pledged and what its donations to the fund paid. */
export interface HouseholdLine {
  pledgeId: number
  donorId: number
  name: string
  village: string
  phone: string | null
  pledged: number
  paid: number
  remaining: number
  fullyPaid: boolean
}

/** A thôn's collection: households, amounts, and the share of households fully paid. */
export interface VillageLine {
  village: string
  households: number
  fullyPaid: number
  pledged: number
  paid: number
  /** Share (0..1) of the thôn's households that paid in full. */
  rate: number
}

/** The thôn a donor without one is listed under. */
export const NO_VILLAGE = '—'

/**
 * One thôn however it was typed ("Đồng Lạc", " ĐỒNG LẠC "). Compared in JavaScript: the
 * database's C collation lowercases ASCII only.
 */
export function villageKey(name: string) {
  return name.normalize('NFC').trim().toLocaleLowerCase('vi')
}

/**
 * Every pledge of the scheme with what the household paid: its donations (net of reversals)
 * to the scheme's fund received within the scheme's year. Ordered by thôn, then name.
 */
export async function schemeLines(scheme: ContributionScheme): Promise<HouseholdLine[]> {
  const rows = await db.rawQuery(
    `SELECT p.id, p.amount, d.id AS donor_id, d.name, d.village, d.phone,
            coalesce((SELECT sum(x.amount) FROM donations x
                       WHERE x.donor_id = p.donor_id AND x.fund_id = ?
                         AND x.received_on BETWEEN ? AND ?), 0) AS paid
       FROM pledges p JOIN donors d ON d.id = p.donor_id
      WHERE p.scheme_id = ?
      ORDER BY coalesce(d.village, ''), d.name_normalized, d.id`,
    [scheme.fundId, `${scheme.year}-01-01`, `${scheme.year}-12-31`, scheme.id]
  )
  return rows.rows.map((r: Record<string, any>) => {
    const pledged = Number(r.amount)
    const paid = Number(r.paid)
    return {
      pledgeId: r.id,
      donorId: r.donor_id,
      name: r.name,
      village: r.village?.trim() || NO_VILLAGE,
      phone: r.phone,
      pledged,
      paid,
      remaining: Math.max(0, pledged - paid),
      fullyPaid: paid >= pledged,
    }
  })
}

/** The scheme's lines summed per thôn, and all thôn together (`village` empty). */
export function collectionByVillage(lines: HouseholdLine[]) {
  const sum = (village: string, own: HouseholdLine[]): VillageLine => {
    const fullyPaid = own.filter((l) => l.fullyPaid).length
    return {
      village,
      households: own.length,
      fullyPaid,
      pledged: own.reduce((s, l) => s + l.pledged, 0),
      paid: own.reduce((s, l) => s + Math.min(l.paid, l.pledged), 0),
      rate: own.length ? fullyPaid / own.length : 0,
    }
  }
  // Grouped by thôn however typed, shown as most of its households write it.
  const spellings = new Map<string, Map<string, number>>()
  for (const l of lines) {
    const own = spellings.get(villageKey(l.village)) ?? new Map<string, number>()
    own.set(l.village, (own.get(l.village) ?? 0) + 1)
    spellings.set(villageKey(l.village), own)
  }
  return {
    villages: [...spellings].map(([key, own]) =>
      sum(
        [...own].sort((a, b) => b[1] - a[1])[0][0],
        lines.filter((l) => villageKey(l.village) === key)
      )
    ),
    all: sum('', lines),
  }
}

/** The thôn a scheme can enrol: the donor register's individuals' and the tree's, once each. */
export async function knownVillages(): Promise<string[]> {
  const fromDonors = await db
    .from('donors')
    .where('kind', 'individual')
    .whereNotNull('village')
    .distinct('village')
  const fromTree = await db.from('locations').where('kind', 'village').select('name')
  const names = [
    ...fromDonors.map((r) => r.village as string),
    ...fromTree.map((r) => r.name as string),
  ]
  const once = new Map<string, string>()
  for (const n of names) if (n.trim() && !once.has(villageKey(n))) once.set(villageKey(n), n.trim())
  return [...once.values()].sort((a, b) => a.localeCompare(b, 'vi'))
}

/** Whether a household line is in the thôn a filter names (however either was typed). */
export function inVillage(line: HouseholdLine, village: string | undefined) {
  return !village || villageKey(line.village) === villageKey(village)
}
