import Donor, { type DonorKind } from '#models/donor'
import { createDonor } from '#actions/donors/save_donor'
import type { AuditActor } from '#services/audit'
import { normalizeName, normalizePhone } from '#services/text_match'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface DonorOnAList {
  name: string
  kind?: DonorKind
  phone?: string | null
  village?: string | null
  address?: string | null
}

/**
 * The donor a line of a paper list or file means, if already known: the same phone, else
 * the same normalised name in the same village (or with no village on either side).
 */
export async function findListedDonor(line: DonorOnAList, trx?: TransactionClientContract) {
  const phone = normalizePhone(line.phone)
  if (phone) {
    const byPhone = await Donor.query({ client: trx }).where('phone', phone).orderBy('id').first()
    if (byPhone) return byPhone
  }
  const sameName = await Donor.query({ client: trx })
    .where('name_normalized', normalizeName(line.name))
    .orderBy('id')
  const village = line.village ? normalizeName(line.village) : ''
  return (
    sameName.find((donor) => (donor.village ? normalizeName(donor.village) : '') === village) ??
    sameName.find((donor) => !donor.village || !village) ??
    null
  )
}

/** The listed donor, created (inside the caller's transaction) when not yet known. */
export async function resolveListedDonor(
  actor: AuditActor,
  line: DonorOnAList,
  trx: TransactionClientContract
) {
  const existing = await findListedDonor(line, trx)
  if (existing) return existing
  return createDonor(
    {
      actor,
      confirmDuplicate: true,
      fields: {
        kind: line.kind ?? 'individual',
        name: line.name,
        phone: line.phone,
        village: line.village,
        address: line.address,
      },
    },
    trx
  )
}
