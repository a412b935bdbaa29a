import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import Location from '#models/location'
import {
  CameraConsentError,
  createCamera,
  updateCamera,
  type CameraFields,
} from '#actions/cameras/save_camera'
import type { AuditActor } from '#services/audit'
import { normalizeName } from '#services/text_match'
import type { CameraSheetRow } from '#services/cameras/camera_sheet'

/** Nothing was imported: every row with its problems (i18n keys under cameras.import.). */
export class CameraImportError extends Error {
  constructor(public problems: Array<{ rowNumber: number; code: string; errors: string[] }>) {
    super('camera import refused')
  }
}

/**
 * Creates or updates (by code) every camera of the sheet in one transaction, or nothing:
 * any row with an error (its own, an unknown location, going active without consent)
 * refuses the whole file. Households, credentials and recording switches of existing
 * cameras are kept; the sheet never carries credentials.
 */
export default async function importCameras(actor: AuditActor, rows: CameraSheetRow[]) {
  const locations = await Location.all()
  const locationByName = new Map(locations.map((l) => [normalizeName(l.name), l.id]))
  const problems: Array<{ rowNumber: number; code: string; errors: string[] }> = []
  const seen = new Set<string>()
  for (const row of rows) {
    const errors = [...row.errors]
    if (!locationByName.has(normalizeName(row.location))) errors.push('unknown_location')
    if (seen.has(row.code)) errors.push('duplicate_code')
    seen.add(row.code)
    if (errors.length) problems.push({ rowNumber: row.rowNumber, code: row.code, errors })
  }
  if (problems.length) throw new CameraImportError(problems)

  let created = 0
  let updated = 0
  await db.transaction(async (trx) => {
    for (const row of rows) {
      const existing = await Camera.query({ client: trx }).where('code', row.code).first()
      const fields: CameraFields = {
        code: row.code,
        name: row.name,
        locationId: locationByName.get(normalizeName(row.location))!,
        householdId: existing?.householdId ?? null,
        addressDescription: row.address,
        latitude: existing?.latitude ?? null,
        longitude: existing?.longitude ?? null,
        model: row.model,
        serial: row.serial,
        supplier: row.supplier,
        installedOn: row.installedOn,
        warrantyUntil: row.warrantyUntil,
        cost: row.cost,
        costExpenseId: existing?.costExpenseId ?? null,
        status: row.status,
        mainStreamUrl: row.mainStreamUrl,
        subStreamUrl: row.subStreamUrl,
        rtspTransport: existing?.rtspTransport ?? 'tcp',
        onvifHost: existing?.onvifHost ?? null,
        onvifPort: existing?.onvifPort ?? null,
        recordingEnabled: existing?.recordingEnabled ?? true,
        retentionDays: row.retentionDays ?? existing?.retentionDays ?? 30,
        quotaGb: existing?.quotaGb ?? null,
      }
      try {
        if (existing) {
          await updateCamera({ actor, cameraId: existing.id, fields }, trx)
          updated++
        } else {
          await createCamera({ actor, fields }, trx)
          created++
        }
      } catch (error) {
        if (!(error instanceof CameraConsentError)) throw error
        problems.push({ rowNumber: row.rowNumber, code: row.code, errors: ['consent_required'] })
      }
    }
    if (problems.length) throw new CameraImportError(problems)
  })
  return { created, updated }
}
