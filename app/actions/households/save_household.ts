import { withTransaction } from '#services/transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Household from '#models/household'
import { recordAudit, type AuditActor } from '#services/audit'
import { storeUpload } from '#services/uploads/stored_file'

export interface HouseholdFields {
  headName: string
  address?: string | null
  phone?: string | null
  isPublicPlace?: boolean
  consentSignedOn?: string | null
  providesPower?: boolean
  providesWifi?: boolean
  monthlySupport?: number
  note?: string | null
  /** An uploaded consent scan (PDF/JPG/PNG), checked by content. */
  consentScanTmpPath?: string | null
}

/** Creates a household, or changes one (`householdId`), with the consent scan if given. */
export default async function saveHousehold(
  params: { actor: AuditActor; householdId?: number; fields: HouseholdFields },
  outer?: TransactionClientContract
) {
  const scan = params.fields.consentScanTmpPath
    ? await storeUpload(params.fields.consentScanTmpPath)
    : null
  const work = async (trx: TransactionClientContract) => {
    const household = params.householdId
      ? await Household.query({ client: trx })
          .where('id', params.householdId)
          .forUpdate()
          .firstOrFail()
      : new Household()
    const before = params.householdId ? household.toAuditJSON() : null
    const f = params.fields
    household.merge({
      headName: f.headName.trim(),
      address: f.address?.trim() || null,
      phone: f.phone?.replace(/[^\d+]/g, '') || null,
      isPublicPlace: f.isPublicPlace ?? false,
      consentSignedOn: f.consentSignedOn ?? null,
      providesPower: f.providesPower ?? false,
      providesWifi: f.providesWifi ?? false,
      monthlySupport: f.monthlySupport ?? 0,
      note: f.note?.trim() || null,
    })
    if (scan) household.merge({ consentScanSha256: scan.sha256, consentScanType: scan.contentType })
    household.useTransaction(trx)
    await household.save()
    await recordAudit(
      {
        actor: params.actor,
        action: params.householdId ? 'household.update' : 'household.create',
        entityType: 'household',
        entityId: household.id,
        before,
        after: { ...household.toAuditJSON(), consentScan: !!household.consentScanSha256 },
      },
      trx
    )
    return household
  }
  return withTransaction(outer, work)
}
