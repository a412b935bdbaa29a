import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Fund from '#models/fund'
import RecordDonation from '#actions/donations/record_donation'
import createFund from '#actions/funds/create_fund'
import saveCampaign from '#actions/funds/save_campaign'
import saveHousehold from '#actions/households/save_household'
import { createCamera, updateCamera } from '#actions/cameras/save_camera'
import saveAgreement from '#actions/cameras/save_agreement'
import createScheme from '#actions/contributions/create_scheme'
import { addClips, createCase } from '#actions/evidence/cases'
import { sampleUser } from '#actions/demo/seed_sample_donations'
import { DISPLAY_ZONE } from '#services/dates'

const NOTE = 'Dữ liệu mẫu, không phải người thật'

/**
 * Sample data for the programme's next steps (after the sample donors and cameras): a
 * campaign with a target and two planned cameras, a business's camera connected under an
 * agreement, this year's household contribution with two payments, and a footage request
 * for the police chief's month. Once only.
 */
export default async function seedNextSteps() {
  if (await Fund.findBy('code', 'an-dai-2')) return { created: 0 }
  const clerk = await db.transaction((trx) =>
    sampleUser(trx, 'du-lieu-mau@localhost', 'treasurer', 'Dữ liệu mẫu')
  )
  const actor = { id: clerk.id, label: 'Dữ liệu mẫu', ip: null }
  const year = DateTime.now().setZone(DISPLAY_ZONE).year
  const village = await db.from('locations').where('name', 'Thôn An Đại 1').first()
  const commune = await db.from('locations').whereNull('parent_id').orderBy('id').first()
  const locationId = (village ?? commune).id as number

  // A campaign: six cameras for An Đại 2, two of them registered as planned.
  const campaign = await createFund({
    actor,
    code: 'an-dai-2',
    name: 'Lắp 6 camera thôn An Đại 2',
    targetAmount: 90_000_000,
    targetDeadline: `${year + 1}-03-31`,
    purpose: 'Sáu camera ở các ngã ba và nhà văn hóa thôn An Đại 2 (dữ liệu mẫu)',
  })
  const planned = []
  for (const name of ['An Đại 2 · ngã ba nhà văn hóa', 'An Đại 2 · cầu Bàu']) {
    planned.push(await createCamera({ actor, fields: { name, locationId, status: 'planned' } }))
  }
  await saveCampaign({
    actor,
    fundId: campaign.id,
    name: campaign.name,
    goal: {
      targetAmount: 90_000_000,
      targetDeadline: `${year + 1}-03-31`,
      purpose: campaign.purpose,
    },
    cameraIds: planned.map((c) => c.id),
  })
  const donors = await db.from('donors').where('is_sample', true).orderBy('id').limit(12)
  const give = (donorId: number, fundId: number, amount: number, receivedOn: string) =>
    RecordDonation.handle({
      actor,
      enteredBy: clerk.id,
      donorId,
      amount,
      method: 'cash',
      fundId,
      receivedOn,
      note: 'Dữ liệu mẫu',
    })
  if (donors.length >= 2) {
    await give(donors[0].id, campaign.id, 15_000_000, `${year}-10-05`)
    await give(donors[1].id, campaign.id, 5_000_000, `${year}-10-12`)
  }

  // A shop's own camera, connected to the centre under an agreement.
  const shop = await saveHousehold({
    actor,
    fields: {
      headName: 'Cửa hàng điện máy Thành Công',
      consentSignedOn: `${year}-09-01`,
      note: NOTE,
    },
  })
  const fields = {
    name: 'Cổng chợ Tre (camera của cửa hàng)',
    locationId: commune.id as number,
    householdId: shop.id,
    ownerKind: 'business' as const,
    ownerName: 'Cửa hàng điện máy Thành Công',
    retentionDays: 30,
  }
  const connected = await createCamera({ actor, fields: { ...fields, status: 'planned' } })
  await saveAgreement({
    actor,
    cameraId: connected.id,
    fields: {
      party_name: 'Cửa hàng điện máy Thành Công',
      signed_on: `${year}-09-01`,
      recording_scope: 'Chỉ hướng ra cổng chợ và đường, không quay vào trong cửa hàng',
      retention_days: 15,
      repairs_paid_by: 'owner',
      note: NOTE,
    },
  })
  await updateCamera({
    actor,
    cameraId: connected.id,
    fields: { ...fields, retentionDays: 15, status: 'active', installedOn: `${year}-09-05` },
  })

  // This year's upkeep contribution, 50.000 đ per household, with two payments.
  const upkeep = await createFund({ actor, code: 'duy-tri', name: 'Quỹ duy trì hệ thống camera' })
  const { scheme } = await createScheme({
    actor,
    name: `Đóng góp duy trì camera năm ${year}`,
    fundId: upkeep.id,
    year,
    amountPerHousehold: 50_000,
    note: NOTE,
    villages: ['An Đại 1', 'Năng Tây 3', 'Chợ Tre', 'Đường 628'],
  })
  const pledged = await db.from('pledges').where('scheme_id', scheme.id).orderBy('id').limit(2)
  for (const p of pledged)
    await give(p.donor_id, upkeep.id, 50_000, `${year}-${year === 2026 ? '11' : '01'}-15`)
  // A footage request this month for the police chief's page. No recorder has run on sample
  // data, so the page shows it honestly as a request the recordings could not answer.
  const first = await db.from('cameras').where('code', 'CAM-001').first()
  if (first) {
    const police = { ...actor, label: 'Dữ liệu mẫu (công an)' }
    const kase = await createCase({
      actor: police,
      fields: {
        caseNumber: `MAU-01/${year}`,
        caseType: 'traffic_accident',
        description: 'Va chạm xe máy ở Quốc lộ 1A (dữ liệu mẫu)',
        requestingAgency: 'Công an xã',
        requestingPerson: 'Dữ liệu mẫu',
        requestedOn: DateTime.now().setZone(DISPLAY_ZONE).toISODate()!,
      },
    })
    const evening = DateTime.now()
      .setZone(DISPLAY_ZONE)
      .minus({ days: 1 })
      .set({ hour: 19, minute: 0, second: 0, millisecond: 0 })
    await addClips({
      actor: police,
      caseId: kase.id,
      cameraIds: [first.id],
      startsAt: evening.toJSDate(),
      endsAt: evening.plus({ minutes: 30 }).toJSDate(),
    })
  }
  return { created: 1 }
}
