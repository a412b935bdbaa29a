import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DonorKind } from '#models/donor'
import { normalizeName, normalizePhone } from '#services/text_match'

export interface DonorOnAList {
  name: string
  kind?: DonorKind
  phone?: string | null
  village?: string | null
  address?: string | null
}

export interface KnownDonor {
  id: number
  name: string
  nameNormalized: string
  village: string | null
  phone: string | null
}

const villageKey = (village: string | null | undefined) => (village ? normalizeName(village) : '')

/**
 * Which known donor a line of a paper list or a file means (the one rule, for single
 * lines and whole files): the same phone; else the same normalised name in the same
 * village; else the same name where either side has no village. Oldest donor first.
 */
export class DonorMatcher {
  #byPhone = new Map<string, KnownDonor>()
  #byName = new Map<string, KnownDonor[]>()

  /** Loads only the donors that share a name or a phone with the lines (in chunks). */
  static async load(lines: DonorOnAList[], trx?: QueryClientContract) {
    const client = trx ?? db.connection()
    const matcher = new DonorMatcher()
    const names = [...new Set(lines.map((l) => normalizeName(l.name)).filter(Boolean))]
    const phones = [...new Set(lines.map((l) => normalizePhone(l.phone)).filter((p) => p !== null))]
    const found: any[] = []
    for (let i = 0; i < Math.max(names.length, phones.length); i += 1000) {
      const nameChunk = names.slice(i, i + 1000)
      const phoneChunk = phones.slice(i, i + 1000)
      found.push(
        ...(await client
          .from('donors')
          .select('id', 'name', 'name_normalized', 'village', 'phone')
          .where((q) => {
            if (nameChunk.length) q.whereIn('name_normalized', nameChunk)
            if (phoneChunk.length) q.orWhereIn('phone', phoneChunk)
          }))
      )
    }
    const unique = new Map(found.map((row) => [row.id, row]))
    for (const row of [...unique.values()].sort((a, b) => a.id - b.id)) {
      matcher.add({
        id: row.id,
        name: row.name,
        nameNormalized: row.name_normalized,
        village: row.village,
        phone: row.phone,
      })
    }
    return matcher
  }

  /** Makes a donor known (also one just added from an earlier line of the same list). */
  add(donor: KnownDonor) {
    if (donor.phone && !this.#byPhone.has(donor.phone)) this.#byPhone.set(donor.phone, donor)
    const same = this.#byName.get(donor.nameNormalized) ?? []
    same.push(donor)
    this.#byName.set(donor.nameNormalized, same)
  }

  /**
   * For a file the treasurer reviews, the same rule split in two: `sure` (same phone and
   * name, or same name in the same thôn) is credited without asking; `likely` (same name
   * where a thôn differs or is missing, or same phone under another name) is shown with
   * both sides' thôn and phone for the treasurer to decide. `suggested` is the answer the
   * form starts with: the donor `match()` would pick, never one from another thôn.
   */
  candidates(line: DonorOnAList): {
    sure: KnownDonor | null
    likely: KnownDonor[]
    suggested: KnownDonor | null
  } {
    const phone = normalizePhone(line.phone)
    const name = normalizeName(line.name)
    const village = villageKey(line.village)
    const sameName = this.#byName.get(name) ?? []
    const byPhone = phone ? this.#byPhone.get(phone) : undefined
    const sure =
      (byPhone && byPhone.nameNormalized === name ? byPhone : undefined) ??
      (village ? sameName.find((d) => villageKey(d.village) === village) : undefined) ??
      null
    if (sure) return { sure, likely: [], suggested: sure }
    const likely = [...new Set([...(byPhone ? [byPhone] : []), ...sameName])]
    const suggested = sameName.find((d) => !d.village || !village) ?? null
    return { sure: null, likely, suggested }
  }

  match(line: DonorOnAList): KnownDonor | null {
    const phone = normalizePhone(line.phone)
    if (phone && this.#byPhone.has(phone)) return this.#byPhone.get(phone)!
    const sameName = this.#byName.get(normalizeName(line.name)) ?? []
    const village = villageKey(line.village)
    return (
      sameName.find((d) => villageKey(d.village) === village) ??
      sameName.find((d) => !d.village || !village) ??
      null
    )
  }
}
