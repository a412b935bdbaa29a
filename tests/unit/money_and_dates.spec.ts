import { test } from '@japa/runner'
import { formatMoney, formatNumber, parseBigint } from '#services/money'
import { formatDate, formatDateTime, parseDisplayDate, startOfDisplayDay } from '#services/dates'

const NBSP = '\u00a0'

test.group('Money', () => {
  test('formats whole đồng with dots and a non-breaking space before đ', ({ assert }) => {
    assert.equal(formatMoney(118_500_000), `118.500.000${NBSP}đ`)
    assert.equal(formatMoney(133_812_000), `133.812.000${NBSP}đ`)
    assert.equal(formatMoney(-15_312_000), `-15.312.000${NBSP}đ`)
    assert.equal(formatMoney(0), `0${NBSP}đ`)
    assert.equal(formatNumber(1_300_000), '1.300.000')
    // A plain space would let "đ" wrap onto its own line.
    assert.notInclude(formatMoney(1000), ' ')
  })

  test('refuses amounts that are not safe integers', ({ assert }) => {
    assert.throws(() => formatMoney(1.5))
    assert.throws(() => formatMoney(Number.MAX_SAFE_INTEGER + 1))
  })

  test('parses PostgreSQL int8 text only while it is a safe integer', ({ assert }) => {
    assert.strictEqual(parseBigint('118500000'), 118_500_000)
    assert.strictEqual(parseBigint('-15312000'), -15_312_000)
    assert.strictEqual(parseBigint('9007199254740991'), Number.MAX_SAFE_INTEGER)
    assert.throws(() => parseBigint('9007199254740993'), /an toàn/)
  })
})

test.group('Dates', () => {
  test('shows dd/mm/yyyy in Asia/Ho_Chi_Minh for a UTC instant', ({ assert }) => {
    // 20/10/2022 18:30 UTC is already 21/10/2022 01:30 in Vietnam (UTC+7).
    const instant = new Date(Date.UTC(2022, 9, 20, 18, 30))
    assert.equal(formatDate(instant), '21/10/2022')
    assert.equal(formatDateTime(instant), '21/10/2022 01:30')
    assert.equal(formatDate(null), '')
  })

  test('reads dd/mm/yyyy and yyyy-mm-dd as a Vietnamese calendar day', ({ assert }) => {
    const parsed = parseDisplayDate('20/10/2022')!
    assert.equal(parsed.toUTC().toISO(), '2022-10-19T17:00:00.000Z')
    assert.equal(parseDisplayDate('2022-10-20')!.toMillis(), parsed.toMillis())
    assert.isNull(parseDisplayDate('31/02/2022'))
    assert.isNull(parseDisplayDate('hôm qua'))
  })

  test('a day filter starts at midnight Vietnam time', ({ assert }) => {
    const picked = new Date(2026, 10, 28)
    assert.equal(startOfDisplayDay(picked).toISOString(), '2026-11-27T17:00:00.000Z')
    assert.equal(startOfDisplayDay(picked, 1).toISOString(), '2026-11-28T17:00:00.000Z')
  })
})
