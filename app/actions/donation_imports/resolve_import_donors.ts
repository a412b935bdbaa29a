import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DonorMatcher, type KnownDonor } from '#services/donations/donor_matcher'
import { normalizeName, normalizePhone } from '#services/text_match'
import { recordAudit, type AuditActor } from '#services/audit'
import type { ParsedLine } from '#services/donations/donation_list_parser'

/** A known donor as the preview shows it beside a line: enough to tell two people apart. */
export interface DonorCard {
  id: number
  name: string
  village: string | null
  phone: string | null
}

export interface DonorQuestion {
  /** Credited without asking. */
  sure: DonorCard | null
  /** Shown with a choice (same person / new donor). */
  likely: DonorCard[]
  /** What the choice starts at: a donor id, or null for "new donor". */
  suggested: number | null
}

const card = (d: KnownDonor): DonorCard => ({
  id: d.id,
  name: d.name,
  village: d.village,
  phone: d.phone,
})

/** For each line without errors, who it will be credited to (null for lines with errors). */
export async function donorQuestions(lines: ParsedLine[]): Promise<Array<DonorQuestion | null>> {
  const valid = lines.filter((l) => l.errors.length === 0)
  const matcher = await DonorMatcher.load(valid)
  return lines.map((line) => {
    if (line.errors.length) return null
    const c = matcher.candidates(line)
    return {
      sure: c.sure ? card(c.sure) : null,
      likely: c.likely.map(card),
      suggested: c.sure?.id ?? c.suggested?.id ?? null,
    }
  })
}

/** Refused: a choice names a donor that is not one of the line's candidates. */
export class DonorChoiceError extends Error {}

/**
 * The donor of every line: the sure match, else the treasurer's choice among the likely
 * ones (or the suggestion when none was sent), else a new donor, created in bulk. Lines of
 * the file naming the same new person get one new donor. A line marked anonymous makes its
 * donor anonymous in public, a new one at creation, a known one from now on.
 */
export async function resolveImportDonors(
  trx: TransactionClientContract,
  actor: AuditActor,
  lines: ParsedLine[],
  choices: { donors: Record<string, string>; anonymousRows: Set<number> | null }
) {
  const matcher = await DonorMatcher.load(lines, trx)
  const anonymous = (line: ParsedLine) =>
    line.anonymous && (choices.anonymousRows ? choices.anonymousRows.has(line.rowNumber) : true)
  const fresh: ParsedLine[] = []
  const freshAnonymous = new Set<number>()
  const knownToHide = new Set<number>()
  const ids = lines.map((line) => {
    const c = matcher.candidates(line)
    let id: number | null = c.sure?.id ?? null
    if (id === null && c.likely.length) {
      const posted = choices.donors[`r${line.rowNumber}`]
      if (posted === undefined) id = c.suggested?.id ?? null
      else if (posted !== 'new') {
        id = c.likely.find((d) => String(d.id) === posted)?.id ?? null
        if (id === null) throw new DonorChoiceError(String(line.rowNumber))
      }
    }
    if (id !== null) {
      if (anonymous(line)) (id < 0 ? freshAnonymous : knownToHide).add(id)
      return id
    }
    // Not known: a placeholder id, so that later lines naming the same person match it.
    const placeholder = -(fresh.length + 1)
    matcher.add({
      id: placeholder,
      name: line.name,
      nameNormalized: normalizeName(line.name),
      village: line.village,
      phone: normalizePhone(line.phone),
    })
    fresh.push(line)
    if (anonymous(line)) freshAnonymous.add(placeholder)
    return placeholder
  })

  // New donors are distinct by (name, thôn, phone): the matcher merged the rest.
  const keyOf = (name: string, village: string | null, phone: string | null) =>
    `${name}|${village ?? ''}|${phone ?? ''}`
  const placeholderOf = new Map(
    fresh.map((line, i) => [
      keyOf(normalizeName(line.name), line.village, normalizePhone(line.phone)),
      -(i + 1),
    ])
  )
  const realId = new Map<number, number>()
  const now = new Date()
  for (let i = 0; i < fresh.length; i += 1000) {
    const chunk = fresh.slice(i, i + 1000)
    const inserted = await trx
      .insertQuery()
      .table('donors')
      .multiInsert(
        chunk.map((line, j) => ({
          kind: line.kind,
          name: line.name,
          name_normalized: normalizeName(line.name),
          village: line.village,
          address: line.address,
          phone: normalizePhone(line.phone),
          anonymous_public: freshAnonymous.has(-(i + j + 1)),
          is_sample: false,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        }))
      )
      .returning(['id', 'name_normalized', 'village', 'phone'])
    for (const row of inserted) {
      realId.set(placeholderOf.get(keyOf(row.name_normalized, row.village, row.phone))!, row.id)
    }
  }

  const hidden = [...knownToHide]
  if (hidden.length) {
    const changed = await trx
      .from('donors')
      .whereIn('id', hidden)
      .where('anonymous_public', false)
      .update({ anonymous_public: true, updated_at: now }, ['id'])
    for (const row of changed) {
      await recordAudit(
        {
          actor,
          action: 'donor.update',
          entityType: 'donor',
          entityId: row.id,
          before: { anonymousPublic: false },
          after: { anonymousPublic: true },
        },
        trx
      )
    }
  }
  const donorIds = ids.map((id) => (id < 0 ? realId.get(id)! : id))
  return { donorIds, created: fresh.length }
}
