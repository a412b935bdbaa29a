import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import FigureCache from '#services/figure_cache'
import ReverseDonation from '#actions/donations/reverse_donation'
import { systemActor } from '#services/audit'
import { makeCamera, makeDonor, makeUser, recordDonation, words } from '#tests/helpers'

/**
 * Issue 23: the dashboard, the public page and the API summary keep their figures until what
 * they count changes. Whoever changes it (the web, another process writing straight to the
 * database), the next page shows it; while nothing changes, nothing is computed again.
 */
test.group('Figures kept until what they count changes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a figure is computed once, again after a write to its tables, not after others', async ({
    assert,
  }) => {
    let computed = 0
    const compute = async () => ++computed
    const read = async () => (await FigureCache.now()).get('test-money', ['money'], compute)
    assert.equal(await read(), 1)
    assert.equal(await read(), 1)
    // A ticket is not money: the figure stays.
    const camera = await makeCamera('Cổng chợ')
    await db.table('maintenance_tickets').insert({
      camera_id: camera.id,
      source: 'staff',
      category: 'power_cut',
      kind: 'corrective',
      priority: 'normal',
      title: 'Mất điện',
      status: 'open',
      opened_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    assert.equal(await read(), 1)
    const donor = await makeDonor()
    assert.equal(await read(), 2, 'a new donor is a change to what the money figures show')
    await recordDonation(await makeUser('treasurer'), donor.id, 100_000)
    assert.equal(await read(), 3)
    assert.equal(await read(), 3)
  })

  test('requests arriving together for a missing figure share one computation', async ({
    assert,
  }) => {
    let computed = 0
    const compute = async () => {
      computed++
      await new Promise((resolve) => setTimeout(resolve, 50))
      return computed
    }
    const figures = await FigureCache.now()
    const values = await Promise.all(
      Array.from({ length: 5 }, () => figures.get('test-shared', ['tickets'], compute))
    )
    assert.deepEqual(values, [1, 1, 1, 1, 1])
  })

  test('a figure that changes with the clock alone is computed again once too old', async ({
    assert,
  }) => {
    let computed = 0
    const read = async () =>
      (await FigureCache.now()).get('test-clock', ['recordings'], async () => ++computed, {
        maxAgeMs: 30,
      })
    assert.equal(await read(), 1)
    assert.equal(await read(), 1)
    await new Promise((resolve) => setTimeout(resolve, 40))
    assert.equal(await read(), 2)
  })

  test('the public page, the dashboard and the API show a gift the moment it is entered or reversed', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const committee = await makeUser('committee')
    const { default: IssueApiToken } = await import('#actions/auth/issue_api_token')
    const { token } = await IssueApiToken.handle({
      actor: systemActor('test'),
      user: committee,
      name: 'test',
    })
    const donor = await makeDonor({ name: 'Bà Sáu bán nước' })
    await recordDonation(treasurer, donor.id, 1_500_000)
    const raised = async () => {
      const page = words((await client.get('/cong-khai')).text())
      const dashboard = await client.get('/').loginAs(committee)
      const api = await client.get('/api/v1/programme/summary').bearerToken(token)
      return {
        public: /Tổng đã vận động ([\d.]+ đ)/.exec(page)?.[1],
        dashboard: words(dashboard.text()).includes('1.500.000 đ'),
        api: api.body().raised,
      }
    }
    assert.deepEqual(await raised(), { public: '1.500.000 đ', dashboard: true, api: 1_500_000 })

    // Through the web's own action.
    const gift = await recordDonation(treasurer, donor.id, 700_000)
    let now = await raised()
    assert.equal(now.public, '2.200.000 đ')
    assert.equal(now.api, 2_200_000)

    // Straight into the database, as another process (an import command, a restore) would.
    const fund = await db.from('funds').where('is_default', true).firstOrFail()
    await db.table('donations').insert({
      kind: 'donation',
      receipt_no: 'PT-2026-999999',
      donor_id: donor.id,
      fund_id: fund.id,
      amount: 300_000,
      received_on: '2026-03-20',
      method: 'cash',
      entered_by: treasurer.id,
    })
    now = await raised()
    assert.equal(now.public, '2.500.000 đ')
    assert.equal(now.api, 2_500_000)

    await ReverseDonation.handle({
      actor: systemActor('test'),
      enteredBy: treasurer.id,
      donationId: gift.id,
      reason: 'Nhập nhầm',
    })
    now = await raised()
    assert.equal(now.public, '1.800.000 đ')
    assert.equal(now.api, 1_800_000)
  })

  test('the honour roll is paged 100 donors at a time, ranks running on across pages', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const fund = await db.from('funds').where('is_default', true).firstOrFail()
    // 250 donors giving 250, 249 … 1 thousand đồng: rank n gave (251 − n) thousand.
    await db.rawQuery(
      `INSERT INTO donors (kind, name, name_normalized, created_at, updated_at)
       SELECT 'individual', 'Người số ' || i, 'nguoi so ' || i, now(), now()
         FROM generate_series(1, 250) i`
    )
    await db.rawQuery(
      `INSERT INTO donations (kind, receipt_no, donor_id, fund_id, amount, received_on, method, entered_by)
       SELECT 'donation', 'PT-2026-T' || d.id, d.id, ?, substring(d.name from 9)::int * 1000,
              date '2026-03-01', 'cash', ?
         FROM donors d WHERE d.name LIKE 'Người số %'`,
      [fund.id, treasurer.id]
    )
    const rows = (html: string) =>
      [...html.matchAll(/<tr>\s*<td>(\d+)<\/td>\s*<td>\s*Người số (\d+)/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ])

    const first = await client.get('/cong-khai')
    const firstRows = rows(first.text())
    assert.lengthOf(firstRows, 100)
    assert.deepEqual(firstRows[0], [1, 250])
    assert.deepEqual(firstRows[99], [100, 151])
    assert.include(words(first.text()), '250 người và đơn vị ủng hộ')
    assert.include(first.text(), '?page=3')

    const third = rows((await client.get('/cong-khai?page=3')).text())
    assert.lengthOf(third, 50)
    assert.deepEqual(third[0], [201, 50])
    assert.deepEqual(third[49], [250, 1])

    // A page that is not there shows the nearest one rather than an error.
    assert.deepEqual(rows((await client.get('/cong-khai?page=99')).text())[0], [201, 50])
    assert.deepEqual(rows((await client.get('/cong-khai?page=abc')).text())[0], [1, 250])
  })
})
