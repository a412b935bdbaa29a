import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Donor, { type DonorKind } from '#models/donor'
import { createDonor } from '#actions/donors/save_donor'
import RecordDonation from '#actions/donations/record_donation'
import { systemActor } from '#services/audit'
import { generateOneTimePassword } from '#services/passwords'
import type { DonationMethod } from '#models/donation'
import type { Role } from '#services/roles'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** The programme's reported total (shared/domain: "donations raised", 118,500,000 đ). */
export const SAMPLE_TOTAL = 118_500_000

type Sample = [DonorKind, string, string | null, number, DonationMethod, boolean?]

/**
 * Invented donors, flagged `is_sample` (shown with a "Dữ liệu mẫu" badge), whose gifts
 * add up to the programme's reported total. None of them is a real person.
 */
const SAMPLES: Sample[] = [
  [
    'organisation',
    'Công ty TNHH Vật liệu xây dựng Minh Phát',
    'Chợ Tre',
    20_000_000,
    'bank_transfer',
  ],
  ['organisation', 'Doanh nghiệp tư nhân Hoàng Long', 'Quốc lộ 1A', 15_000_000, 'bank_transfer'],
  ['organisation', 'Hợp tác xã nông nghiệp Năng Tây', 'Năng Tây 3', 10_000_000, 'cash'],
  ['organisation', 'Cửa hàng điện máy Thành Công', 'Chợ Tre', 8_000_000, 'cash'],
  ['organisation', 'Hội Cựu chiến binh xã', null, 5_000_000, 'cash'],
  ['organisation', 'Chi hội Phụ nữ thôn An Đại 1', 'An Đại 1', 3_000_000, 'cash'],
  ['organisation', 'Đoàn Thanh niên xã', null, 2_500_000, 'cash'],
  ['individual', 'Nguyễn Văn Bình', 'An Đại 1', 10_000_000, 'bank_transfer'],
  ['individual', 'Trần Thị Hoa', 'Năng Tây 3', 5_000_000, 'cash'],
  ['individual', 'Lê Văn Cường', 'Chợ Tre', 5_000_000, 'cash'],
  ['individual', 'Phạm Thị Dung', 'Đường 628', 5_000_000, 'bank_transfer', true],
  ['individual', 'Võ Văn Em', 'An Đại 1', 3_000_000, 'cash'],
  ['individual', 'Huỳnh Thị Giang', 'Năng Tây 3', 3_000_000, 'cash'],
  ['individual', 'Đặng Văn Hải', 'Đường 628', 3_000_000, 'cash'],
  ['individual', 'Bùi Thị Lan', 'Chợ Tre', 3_000_000, 'cash'],
  ['individual', 'Đỗ Văn Khánh', 'Quốc lộ 1A', 2_000_000, 'cash'],
  ['individual', 'Hồ Thị Mai', 'An Đại 1', 2_000_000, 'cash'],
  ['individual', 'Ngô Văn Nam', 'Năng Tây 3', 2_000_000, 'cash'],
  ['individual', 'Dương Thị Oanh', 'Đường 628', 2_000_000, 'cash'],
  ['individual', 'Lý Văn Phúc', 'Chợ Tre', 2_000_000, 'cash'],
  ['individual', 'Mai Thị Quyên', 'Quốc lộ 1A', 1_000_000, 'cash'],
  ['individual', 'Trịnh Văn Sơn', 'An Đại 1', 1_000_000, 'cash'],
  ['individual', 'Cao Thị Tâm', 'Năng Tây 3', 1_000_000, 'cash'],
  ['individual', 'Phan Văn Út', 'Đường 628', 1_000_000, 'cash'],
  ['individual', 'Nhà hảo tâm (giấu tên)', null, 1_000_000, 'cash', true],
  ['individual', 'Tạ Thị Vân', 'Chợ Tre', 500_000, 'cash'],
  ['individual', 'Kiều Văn Xuân', 'An Đại 1', 500_000, 'cash'],
  ['individual', 'Lâm Thị Yến', 'Năng Tây 3', 500_000, 'cash'],
  ['individual', 'Tô Văn Anh', 'Đường 628', 500_000, 'cash'],
  ['individual', 'Âu Thị Bích', 'Quốc lộ 1A', 500_000, 'cash'],
  ['individual', 'Quách Văn Chung', 'Chợ Tre', 500_000, 'cash'],
]

/** A disabled account that sample rows are attributed to (no real person typed them). */
export async function sampleUser(
  trx: TransactionClientContract,
  email: string,
  role: Role,
  fullName: string
) {
  const existing = await User.query({ client: trx }).where('email', email).first()
  if (existing) return existing
  return User.create(
    {
      fullName,
      email,
      role,
      locale: 'vi',
      password: generateOneTimePassword(),
      passwordChangeRequired: true,
      disabledAt: DateTime.now(),
    },
    { client: trx }
  )
}

/**
 * Adds the sample donors and their donations to the camera fund, once (a second run
 * does nothing). Entries are made by a disabled "Dữ liệu mẫu" account, so no real
 * user appears as having typed them.
 */
export default async function seedSampleDonations() {
  if (await Donor.query().where('is_sample', true).first()) return { created: 0 }
  const actor = systemActor('Dữ liệu mẫu')
  return db.transaction(async (trx) => {
    const clerk = await sampleUser(trx, 'du-lieu-mau@localhost', 'treasurer', 'Dữ liệu mẫu')
    const start = DateTime.fromISO('2026-03-02')
    for (const [index, [kind, name, village, amount, method, anonymous]] of SAMPLES.entries()) {
      const donor = await createDonor(
        {
          actor,
          confirmDuplicate: true,
          fields: {
            kind,
            name,
            village,
            anonymousPublic: anonymous ?? false,
            note: 'Dữ liệu mẫu, không phải người thật',
            isSample: true,
          },
        },
        trx
      )
      await RecordDonation.handle(
        {
          actor,
          enteredBy: clerk.id,
          donorId: donor.id,
          amount,
          method,
          receivedOn: start.plus({ days: index * 2 }).toISODate()!,
          note: 'Dữ liệu mẫu',
        },
        trx
      )
    }
    return { created: SAMPLES.length }
  })
}
