import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { systemActor } from '#services/audit'
import type { LocationKind } from '#models/location'

/** Where the programme's 26 cameras hang (shared/domain: cameras by location). */
export const SAMPLE_LOCATIONS: Array<{ name: string; kind: LocationKind; cameras: number }> = [
  { name: 'Quốc lộ 1A', kind: 'route', cameras: 4 },
  { name: 'Ngã ba chợ Tre', kind: 'point', cameras: 2 },
  { name: 'Tỉnh lộ 628', kind: 'route', cameras: 15 },
  { name: 'Đường ra nghĩa trang', kind: 'route', cameras: 1 },
  { name: 'Thôn An Đại 1', kind: 'village', cameras: 2 },
  { name: 'Thôn Năng Tây 3', kind: 'village', cameras: 2 },
]

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
]
const GIVEN = [
  'Văn An',
  'Thị Bé',
  'Văn Cư',
  'Thị Diệu',
  'Văn Đức',
  'Thị Gấm',
  'Văn Hùng',
  'Thị Kim',
  'Văn Lộc',
  'Thị My',
  'Văn Nhân',
  'Thị Phượng',
  'Văn Quang',
]

/**
 * The commune's location tree and 26 active cameras, each on a sample household that has
 * signed consent (flagged "Dữ liệu mẫu"), with no stream address (the technician enters
 * the real ones). When the sample contract expense exists, each camera's cost is its share.
 */
export default async function seedSampleCameras() {
  if (await Camera.query().where('code', 'CAM-001').first()) return { created: 0 }
  const actor = systemActor('Dữ liệu mẫu')
  return db.transaction(async (trx) => {
    const commune = await createLocation(
      { actor, parentId: null, kind: 'commune', name: 'Xã Nghĩa Phương' },
      trx
    )
    const contract = await trx
      .from('expenses')
      .where('kind', 'expense')
      .whereIn('id', trx.from('expense_allocations').select('expense_id'))
      .orderBy('id')
      .first()
    const shares = contract
      ? Object.fromEntries(
          (await trx.from('expense_allocations').where('expense_id', contract.id)).map((r) => [
            r.camera_code,
            Number(r.amount),
          ])
        )
      : {}
    let n = 0
    for (const place of SAMPLE_LOCATIONS) {
      const location = await createLocation(
        { actor, parentId: commune.id, kind: place.kind, name: place.name },
        trx
      )
      for (let i = 0; i < place.cameras; i++) {
        n++
        const code = `CAM-${String(n).padStart(3, '0')}`
        const household = await saveHousehold(
          {
            actor,
            fields: {
              headName: `${SURNAMES[n % SURNAMES.length]} ${GIVEN[n % GIVEN.length]}`,
              address: `${place.name}, số nhà ${10 + n}`,
              consentSignedOn: '2026-04-15',
              providesPower: true,
              providesWifi: true,
              monthlySupport: 50_000,
              note: 'Dữ liệu mẫu, không phải người thật',
            },
          },
          trx
        )
        await createCamera(
          {
            actor,
            fields: {
              code,
              name: `${place.name} ${i + 1}`,
              locationId: location.id,
              householdId: household.id,
              status: 'active',
              installedOn: '2026-05-10',
              cost: shares[code] ?? null,
              costExpenseId: shares[code] ? contract.id : null,
              recordingEnabled: true,
              retentionDays: 30,
            },
          },
          trx
        )
      }
    }
    return { created: n }
  })
}
