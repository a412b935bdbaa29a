import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import fc from 'fast-check'
import yazl from 'yazl'
import { makeUser, userWithToken } from '#tests/helpers'
import { LEAKS } from '#tests/security/route_probe'

/** Hostile text: diacritics, control characters, markup, SQL, very long, or not text at all. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'Nguyễn Thị Hằng',
    "Robert'); DROP TABLE donors;--",
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '\u0000\u0007\u001b[31m',
    '   ',
    '',
    'ổ'.repeat(5000)
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 })
)

/** Hostile amounts: negatives, fractions, overflow, text, formatted text. */
const hostileAmount = fc.oneof(
  fc.integer({ min: -1e12, max: 1e15 }),
  fc.double(),
  fc.constantFrom('5.000.000', '1,5', '1e9', '-0', 'NaN', 'Infinity', '9'.repeat(40), '', null),
  fc.string({ maxLength: 12 })
)

const hostileDate = fc.oneof(
  fc.constantFrom('2026-02-30', '31/12/2026', '2099-01-01', '0000-00-00', '2026-13-01', 'hôm qua'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ maxLength: 12 }),
  fc.integer()
)

async function count(table: string) {
  return Number((await db.from(table).count('* as n'))[0].n)
}

/**
 * Property-based: every reply to a hostile payload is a clear answer (accepted, or refused
 * with messages), never a server error or a leak, and a refused one writes nothing.
 */
test.group('Hostile input', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('donations API: whatever the payload, 201 with one row or 422 with messages and no row', async ({
    client,
    assert,
  }) => {
    const { token } = await userWithToken('treasurer')
    const donor = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'Người ủng hộ thử' })
    const donorId = donor.body().data.id
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            donor_id: fc.oneof(fc.constant(donorId), fc.integer(), hostileText),
            amount: hostileAmount,
            received_on: hostileDate,
            method: fc.oneof(fc.constantFrom('cash', 'bank_transfer', 'in_kind'), hostileText),
            note: hostileText,
          },
          { requiredKeys: [] }
        ),
        async (payload) => {
          const before = await count('donations')
          const response = await client.post('/api/v1/donations').bearerToken(token).json(payload)
          const status = response.status()
          const text = JSON.stringify(response.body())
          assert.notMatch(text, LEAKS)
          const after = await count('donations')
          if (status === 201) {
            assert.equal(after, before + 1)
          } else {
            assert.oneOf(status, [400, 422])
            assert.equal(after, before)
            assert.isAbove(response.body().errors.length, 0)
            for (const error of response.body().errors) assert.isString(error.message)
          }
        }
      ),
      { numRuns: 60 }
    )
  }).timeout(120_000)

  test('donor form: hostile names are refused or stored as typed, and shown escaped', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (name, village) => {
        const before = await count('donors')
        const response = await client
          .post('/donors')
          .loginAs(treasurer)
          .form({ kind: 'individual', name: name as any, village: village as any })
          .withCsrfToken()
          .redirects(0)
        assert.isBelow(response.status(), 500)
        const after = await count('donors')
        assert.isAtMost(after - before, 1)
      }),
      { numRuns: 40 }
    )
    const page = await client.get('/donors').loginAs(treasurer)
    assert.notInclude(page.text(), '<script>alert(1)</script>')
    assert.notInclude(page.text(), '<img src=x onerror')
  }).timeout(120_000)

  test('tickets and expenses APIs: hostile payloads never cause a server error or a half-written row', async ({
    client,
    assert,
  }) => {
    const { token } = await userWithToken('technician')
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            camera_id: fc.oneof(fc.integer(), hostileText),
            category: fc.oneof(fc.constantFrom('power_cut', 'network'), hostileText),
            title: hostileText,
            priority: hostileText,
            description: hostileText,
          },
          { requiredKeys: [] }
        ),
        fc.record(
          {
            budget_line_id: fc.oneof(fc.integer(), hostileText),
            payee: hostileText,
            description: hostileText,
            spent_on: hostileDate,
            amount: hostileAmount,
            quantity: hostileAmount,
            unit_price: hostileAmount,
          },
          { requiredKeys: [] }
        ),
        async (ticket, expense) => {
          const tickets = await count('maintenance_tickets')
          const expenses = await count('expenses')
          const t = await client.post('/api/v1/tickets').bearerToken(token).json(ticket)
          const e = await client.post('/api/v1/expenses').bearerToken(token).json(expense)
          for (const r of [t, e]) {
            assert.isBelow(r.status(), 500)
            assert.notMatch(JSON.stringify(r.body()), LEAKS)
          }
          if (t.status() !== 201) assert.equal(await count('maintenance_tickets'), tickets)
          if (e.status() !== 201) assert.equal(await count('expenses'), expenses)
        }
      ),
      { numRuns: 40 }
    )
  }).timeout(120_000)

  test('uploads: a zip bomb, wrong magic bytes and an oversized file are refused in Vietnamese', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    // 200 MB of zeros in a tiny .xlsx-looking zip.
    const zip = new yazl.ZipFile()
    zip.addBuffer(Buffer.alloc(200 * 1024 * 1024), 'xl/worksheets/sheet1.xml', { compress: true })
    zip.end()
    const chunks: Buffer[] = []
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
    const bomb = Buffer.concat(chunks)
    assert.isBelow(bomb.length, 1024 * 1024)
    const refused = async (file: Buffer, name: string) => {
      const response = await client
        .post('/donation-imports/preview')
        .loginAs(treasurer)
        .file('file', file, { filename: name })
        .withCsrfToken()
      assert.isBelow(response.status(), 500)
      return response.text()
    }
    assert.match(await refused(bomb, 'danh-sach.xlsx'), /quá lớn|10 MB/)
    assert.match(
      await refused(Buffer.from('MZ\u0090\u0000 not a sheet'), 'danh-sach.xlsx'),
      /không phải|không đọc được|Excel|CSV/i
    )
    assert.match(
      await refused(Buffer.alloc(11 * 1024 * 1024, 0x41), 'danh-sach.csv'),
      /quá lớn|10 MB/
    )
    assert.equal(await count('donations'), 0)
  }).timeout(120_000)
})

test.group('Duplicate submits and control characters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the donation form sent twice records one donation and says so; an API retry with the same Idempotency-Key gets 409', async ({
    client,
    assert,
  }) => {
    const { user: treasurer, token } = await userWithToken('treasurer')
    const donor = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'Trần Văn Gửi Hai Lần' })
    const form = await client.get('/donations/create').loginAs(treasurer)
    const key = /name="submission_key" value="([0-9a-f-]{36})"/.exec(form.text())![1]
    const fields = {
      donor_id: donor.body().data.id,
      amount: '500.000',
      received_on: '2026-11-20',
      method: 'cash',
      submission_key: key,
    }
    const send = () =>
      client.post('/donations').loginAs(treasurer).form(fields).withCsrfToken().redirects(0)
    const first = await send()
    first.assertStatus(302)
    const second = await send()
    second.assertStatus(302)
    assert.equal(second.header('location'), first.header('location'))
    assert.equal(await count('donations'), 1)
    const shown = await client.post('/donations').loginAs(treasurer).form(fields).withCsrfToken()
    shown.assertTextIncludes('Phiếu này đã được ghi rồi')
    assert.equal(await count('donations'), 1)

    const body = { ...fields, submission_key: undefined, amount: 200000 }
    const api = () =>
      client
        .post('/api/v1/donations')
        .bearerToken(token)
        .header('Idempotency-Key', 'lan-gui-1')
        .json(body)
    ;(await api()).assertStatus(201)
    const again = await api()
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_DUPLICATE_SUBMISSION')
    assert.equal(await count('donations'), 2)
    // The receipt numbers stay gapless: the refused second send used none.
    const receipts = (await db.from('donations').orderBy('id').select('receipt_no')).map(
      (r) => r.receipt_no
    )
    assert.deepEqual(receipts, ['PT-2026-0001', 'PT-2026-0002'])
  })

  test('a NUL or other control character in any field gets one clear Vietnamese error and writes nothing', async ({
    client,
    assert,
  }) => {
    const { user: treasurer, token } = await userWithToken('treasurer')
    const api = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'Nguyễn\u0000Văn' })
    api.assertStatus(422)
    assert.equal(api.body().errors[0].code, 'E_CONTROL_CHARACTERS')
    assert.match(api.body().errors[0].message, /ký tự điều khiển/)
    const page = await client
      .post('/donors')
      .loginAs(treasurer)
      .form({ kind: 'individual', name: 'Lê\u001b[31mThị' })
      .withCsrfToken()
    page.assertTextIncludes('ký tự điều khiển')
    assert.equal(await count('donors'), 0)
    // Line breaks and tabs in a note are ordinary text.
    const ok = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'Phạm Thị Dòng', note: 'dòng 1\ndòng 2\tcột' })
    ok.assertStatus(201)
  })
})
