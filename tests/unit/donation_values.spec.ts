import { test } from '@japa/runner'
import { parseAmount, parseDay } from '#services/donations/import_values'
import { normalizeName, normalizePhone } from '#services/text_match'
import { csvCell, toCsv } from '#services/csv'

test.group('Amounts as treasurers write them', () => {
  const good: Array<[unknown, number]> = [
    [5000000, 5_000_000],
    ['5000000', 5_000_000],
    ['5.000.000', 5_000_000],
    ['5,000,000', 5_000_000],
    ['5 000 000', 5_000_000],
    ['5000000 đ', 5_000_000],
    ['5.000.000đ', 5_000_000],
    ['5.000.000 đồng', 5_000_000],
    ['5.000.000 VNĐ', 5_000_000],
    ['5 triệu', 5_000_000],
    ['5 Triệu', 5_000_000],
    ['1,5 triệu', 1_500_000],
    ['1.5 triệu', 1_500_000],
    ['500 nghìn', 500_000],
    ['500 ngàn', 500_000],
    ['500k', 500_000],
    ['2 tỷ', 2_000_000_000],
    ['118.500.000', 118_500_000],
    ['5.000', 5_000],
    // Issue 19: as typed in commune lists.
    ['5tr', 5_000_000],
    ['5 TR', 5_000_000],
    ['5 triệu 500', 5_500_000],
    ['5tr5', 5_500_000],
    ['2 tỷ 300 triệu', 2_300_000_000],
    ['1 triệu 200 nghìn', 1_200_000],
    ['5.000.000,00', 5_000_000],
    ['5,000,000.00', 5_000_000],
    ['5000000,00', 5_000_000],
    ['5\u00a0000\u00a0000 đ', 5_000_000],
  ]
  for (const [input, expected] of good) {
    test(`${JSON.stringify(input)} is ${expected} đồng`, ({ assert }) => {
      assert.equal(parseAmount(input), expected)
    })
  }

  const bad: unknown[] = [
    '',
    '0',
    '-5000',
    '5.5',
    '1.234.56',
    'năm triệu',
    '5,00,000',
    '1,2345678 triệu',
    5000.5,
    -1,
    0,
    '99999999999999999999',
    null,
    '=1+1',
    '5 triệu 50',
    '5 nghìn 5 triệu',
    '5.000.000,50',
    '5.000,000',
    '#DIV/0!',
  ]
  for (const input of bad) {
    test(`${JSON.stringify(input)} is refused`, ({ assert }) => {
      assert.isNull(parseAmount(input))
    })
  }
})

test.group('Dates in a list', () => {
  test('dd/mm/yyyy, d/m/yyyy, dashes, ISO and Excel serials', ({ assert }) => {
    assert.equal(parseDay('15/03/2026'), '2026-03-15')
    assert.equal(parseDay('5/3/2026'), '2026-03-05')
    assert.equal(parseDay('05-03-2026'), '2026-03-05')
    assert.equal(parseDay('2026-03-05'), '2026-03-05')
    assert.equal(parseDay(46096), '2026-03-15')
    assert.equal(parseDay('46096'), '2026-03-15')
    assert.equal(parseDay(new Date(Date.UTC(2026, 2, 15))), '2026-03-15')
  })

  test('as typed in commune lists: dots, two-digit years, words, a time after the day', ({
    assert,
  }) => {
    assert.equal(parseDay('15-3-2026'), '2026-03-15')
    assert.equal(parseDay('15.03.2026'), '2026-03-15')
    assert.equal(parseDay('15/3/26'), '2026-03-15')
    assert.equal(parseDay('ngày 15 tháng 3 năm 2026'), '2026-03-15')
    assert.equal(parseDay('Ngày 5 tháng 03 năm 2026'), '2026-03-05')
    assert.equal(parseDay('15/03/2026 08:30'), '2026-03-15')
    assert.equal(parseDay('2026/3/15'), '2026-03-15')
  })

  test('impossible days and odd years are refused', ({ assert }) => {
    assert.isNull(parseDay('31/02/2026'))
    assert.isNull(parseDay('03/15/2026'))
    assert.isNull(parseDay('15/03/1890'))
    assert.isNull(parseDay('hôm qua'))
    assert.isNull(parseDay(1.5))
    assert.isNull(parseDay(5_000_000), 'an amount in the date column is not a serial day')
    assert.isNull(parseDay('ngày 31 tháng 2 năm 2026'))
  })
})

test.group('Recognising the same donor', () => {
  test('names compare without case, accents, đ or punctuation', ({ assert }) => {
    assert.equal(normalizeName('Nguyễn Văn Á'), 'nguyen van a')
    assert.equal(normalizeName('  NGUYỄN  văn   a. '), 'nguyen van a')
    assert.equal(normalizeName('Đỗ Thị Đào'), 'do thi dao')
    assert.equal(normalizeName('Công ty TNHH Minh-Phát'), 'cong ty tnhh minh phat')
  })

  test('phones compare by their digits in national form', ({ assert }) => {
    assert.equal(normalizePhone('0912.345.678'), '0912345678')
    assert.equal(normalizePhone('+84 912 345 678'), '0912345678')
    assert.isNull(normalizePhone(''))
  })
})

test.group('CSV cells', () => {
  test('text that a spreadsheet would run as a formula is defused', ({ assert }) => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`)
    assert.equal(csvCell('+84912345678'), "'+84912345678")
    assert.equal(csvCell('-5'), "'-5")
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)")
    assert.equal(csvCell('\tx'), "'\tx")
    assert.equal(csvCell('Nguyễn Văn A'), 'Nguyễn Văn A')
    assert.equal(csvCell(-500000), '-500000', 'numbers stay numbers')
  })

  test('quotes, commas and line breaks are quoted; a BOM leads the file', ({ assert }) => {
    const text = toCsv([['a,b', 'say "hi"', 'two\nlines']])
    assert.equal(text, '\ufeff"a,b","say ""hi""","two\nlines"\r\n')
  })
})
