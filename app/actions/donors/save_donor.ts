import db from '@adonisjs/lucid/services/db'
import { withTransaction } from '#services/transaction'
import Donor, { type DonorKind } from '#models/donor'
import findLikelyDuplicates from '#actions/donors/find_likely_duplicates'
import { recordAudit, type AuditActor } from '#services/audit'
import { normalizeName, normalizePhone } from '#services/text_match'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface DonorFields {
  kind: DonorKind
  name: string
  address?: string | null
  village?: string | null
  phone?: string | null
  note?: string | null
  anonymousPublic?: boolean
  isSample?: boolean
}

/** Raised instead of saving when the donor looks like one already on the list. */
export class LikelyDuplicateDonorError extends Error {
  code = 'E_LIKELY_DUPLICATE'
  status = 409
  constructor(public candidates: Donor[]) {
    super('likely duplicate donor')
  }
}

function columns(fields: DonorFields) {
  return {
    kind: fields.kind,
    name: fields.name.trim(),
    nameNormalized: normalizeName(fields.name),
    address: fields.address?.trim() || null,
    village: fields.village?.trim() || null,
    phone: normalizePhone(fields.phone),
    note: fields.note?.trim() || null,
    anonymousPublic: fields.anonymousPublic ?? false,
  }
}

/**
 * Creates a donor. A likely duplicate (same normalised name or phone) is refused with
 * the candidates unless the treasurer confirmed it is a different donor.
 */
export async function createDonor(
  params: { actor: AuditActor; fields: DonorFields; confirmDuplicate?: boolean },
  trx?: TransactionClientContract
) {
  if (!params.confirmDuplicate) {
    const candidates = await findLikelyDuplicates(params.fields)
    if (candidates.length > 0) throw new LikelyDuplicateDonorError(candidates)
  }
  const work = async (client: TransactionClientContract) => {
    const donor = new Donor()
    donor.merge({ ...columns(params.fields), isSample: params.fields.isSample ?? false })
    donor.createdBy = params.actor.id
    donor.useTransaction(client)
    await donor.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'donor.create',
        entityType: 'donor',
        entityId: donor.id,
        after: donor.toAuditJSON(),
      },
      client
    )
    return donor
  }
  return withTransaction(trx, work)
}

/** Changes a donor's details (donors are a register, not the ledger). */
export async function updateDonor(params: {
  actor: AuditActor
  donorId: number
  fields: DonorFields
  confirmDuplicate?: boolean
}) {
  if (!params.confirmDuplicate) {
    const candidates = await findLikelyDuplicates(params.fields, params.donorId)
    if (candidates.length > 0) throw new LikelyDuplicateDonorError(candidates)
  }
  return db.transaction(async (trx) => {
    const donor = await Donor.query({ client: trx })
      .where('id', params.donorId)
      .forUpdate()
      .firstOrFail()
    const before = donor.toAuditJSON()
    donor.merge(columns(params.fields))
    await donor.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'donor.update',
        entityType: 'donor',
        entityId: donor.id,
        before,
        after: donor.toAuditJSON(),
      },
      trx
    )
    return donor
  })
}
