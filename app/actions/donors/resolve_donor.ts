import { createDonor } from '#actions/donors/save_donor'
import type { AuditActor } from '#services/audit'
import { DonorMatcher, type DonorOnAList } from '#services/donations/donor_matcher'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type { DonorOnAList }

/** The known donor a single typed line means, if any (see DonorMatcher for the rule). */
export async function findListedDonor(line: DonorOnAList, trx?: TransactionClientContract) {
  return (await DonorMatcher.load([line], trx)).match(line)
}

/** The listed donor's id, the donor being created (inside the caller's transaction) when new. */
export async function resolveListedDonor(
  actor: AuditActor,
  line: DonorOnAList,
  trx: TransactionClientContract
): Promise<number> {
  const existing = await findListedDonor(line, trx)
  if (existing) return existing.id
  const donor = await createDonor(
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
  return donor.id
}
