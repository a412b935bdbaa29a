import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import RecordDonation from '#actions/donations/record_donation'
import type { DonationMethod } from '#models/donation'
import ReverseDonation, { DonationNotReversibleError } from '#actions/donations/reverse_donation'
import { systemActor } from '#services/audit'
import { assertAppendOnly, makeUser, removeCommittedDonations } from '#tests/helpers'

async function makeDonor(name = 'Công ty TNHH Minh Phát') {
  const [row] = await db
    .insertQuery()
    .table('donors')
    .insert({
      kind: 'organisation',
      name,
      name_normalized: name.toLowerCase(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('*')
  return row
}

const actor = systemActor('test')

/** Records a donation as `enteredBy` (optionally inside an outer transaction). */
function record(
  enteredBy: number,
  donorId: number,
  amount: number,
  receivedOn: string,
  method: DonationMethod,
  trx?: TransactionClientContract
) {
  return RecordDonation.handle({ actor, enteredBy, donorId, amount, receivedOn, method }, trx)
}

test.group('Donation ledger rules (database level)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a donation gets a receipt number; PostgreSQL refuses to edit or delete it', async ({
    assert,
  }) => {
    const user = await makeUser('treasurer')
    const donor = await makeDonor()
    const row = await record(user.id, donor.id, 5_000_000, '2026-03-02', 'cash')
    assert.match(row.receipt_no, /^PT-2026-\d{4}$/)
    await assertAppendOnly(assert, 'donations', row.id)
  })

  test('a reversal cancels the donation in the totals, once, and needs a reason', async ({
    assert,
  }) => {
    const user = await makeUser('treasurer')
    const donor = await makeDonor()
    const wrong = await record(user.id, donor.id, 50_000_000, '2026-03-02', 'bank_transfer')
    await record(user.id, donor.id, 5_000_000, '2026-03-02', 'bank_transfer')

    await assert.rejects(
      () =>
        ReverseDonation.handle({ actor, enteredBy: user.id, donationId: wrong.id, reason: '   ' }),
      DonationNotReversibleError
    )
    const reversal = await ReverseDonation.handle({
      actor,
      enteredBy: user.id,
      donationId: wrong.id,
      reason: 'Nhập thừa một số 0',
    })
    assert.equal(reversal.amount, -50_000_000)
    assert.equal(reversal.reverses_id, wrong.id)
    await assert.rejects(
      () =>
        ReverseDonation.handle({
          actor,
          enteredBy: user.id,
          donationId: wrong.id,
          reason: 'lần nữa',
        }),
      DonationNotReversibleError
    )
    await assert.rejects(
      () =>
        ReverseDonation.handle({
          actor,
          enteredBy: user.id,
          donationId: reversal.id,
          reason: 'đảo ngược',
        }),
      DonationNotReversibleError
    )

    const [{ total }] = await db
      .from('donations')
      .where('donor_id', donor.id)
      .sum('amount as total')
    assert.equal(total, 5_000_000)
  })

  test('the database itself refuses a donation without a receipt or a reversal without a reason', async ({
    assert,
  }) => {
    const user = await makeUser('treasurer')
    const donor = await makeDonor()
    const fund = await db.from('funds').where('is_default', true).firstOrFail()
    const base = {
      donor_id: donor.id,
      fund_id: fund.id,
      received_on: '2026-01-01',
      method: 'cash',
      entered_by: user.id,
    }
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx
            .insertQuery()
            .table('donations')
            .insert({ ...base, kind: 'donation', amount: 100 })
        ),
      /donations_kind_shape/
    )
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx
            .insertQuery()
            .table('donations')
            .insert({ ...base, kind: 'donation', amount: -100, receipt_no: 'PT-X' })
        ),
      /donations_kind_shape/
    )
  })
})

test.group('Receipt numbers under concurrent entry', (group) => {
  const donorIds: number[] = []
  group.teardown(() => removeCommittedDonations(2031, donorIds))

  test('parallel entries get unique, gapless numbers; a rolled-back entry gives its number back', async ({
    assert,
  }) => {
    // Real concurrency needs real connections: no global transaction here. The year 2031
    // keeps these rows apart from other tests and the group removes them afterwards; the
    // user it creates stays until the run's migrations are rolled back, so tests that empty
    // the users table (commands.spec.ts) must run before this file.
    const user = await makeUser('treasurer')
    const donor = await makeDonor('Nhà hảo tâm song song')
    donorIds.push(donor.id)
    const entries = Array.from({ length: 24 }, (_, i) =>
      record(user.id, donor.id, 100_000 + i, '2031-05-01', 'cash')
    )
    await Promise.all(entries)

    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await record(user.id, donor.id, 1_000, '2031-05-02', 'cash', trx)
        throw new Error('mất điện giữa chừng')
      })
    )
    await record(user.id, donor.id, 2_000, '2031-05-03', 'cash')

    const numbers = (
      await db
        .from('donations')
        .where('receipt_no', 'like', 'PT-2031-%')
        .orderBy('receipt_no')
        .select('receipt_no')
    ).map((r) => r.receipt_no)
    assert.deepEqual(
      numbers,
      Array.from({ length: 25 }, (_, i) => `PT-2031-${String(i + 1).padStart(4, '0')}`)
    )
  })
})
