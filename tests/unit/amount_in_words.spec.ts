import { test } from '@japa/runner'
import { amountInWords, numberToVietnameseWords } from '#services/amount_in_words'

test.group('Amount in words (receipts)', () => {
  test('reads the programme figures', ({ assert }) => {
    assert.equal(amountInWords(118_500_000), 'Một trăm mười tám triệu năm trăm nghìn đồng')
    assert.equal(
      amountInWords(133_812_000),
      'Một trăm ba mươi ba triệu tám trăm mười hai nghìn đồng'
    )
    assert.equal(amountInWords(15_312_000), 'Mười lăm triệu ba trăm mười hai nghìn đồng')
    assert.equal(amountInWords(1_300_000), 'Một triệu ba trăm nghìn đồng')
    assert.equal(amountInWords(130_000), 'Một trăm ba mươi nghìn đồng')
  })

  test('applies mốt, lăm, tư, linh and không trăm', ({ assert }) => {
    const cases: Array<[number, string]> = [
      [0, 'không'],
      [5, 'năm'],
      [10, 'mười'],
      [15, 'mười lăm'],
      [21, 'hai mươi mốt'],
      [24, 'hai mươi tư'],
      [25, 'hai mươi lăm'],
      [11, 'mười một'],
      [14, 'mười bốn'],
      [105, 'một trăm linh năm'],
      [110, 'một trăm mười'],
      [1_005_000, 'một triệu không trăm linh năm nghìn'],
      [2_000_500, 'hai triệu năm trăm'],
      [3_000_021, 'ba triệu không trăm hai mươi mốt'],
      [1_000_000_000, 'một tỷ'],
      [2_500_000_000, 'hai tỷ năm trăm triệu'],
      [1_000_000_000_000, 'một nghìn tỷ'],
    ]
    for (const [value, words] of cases)
      assert.equal(numberToVietnameseWords(value), words, String(value))
  })

  test('refuses fractions and unsafe numbers', ({ assert }) => {
    assert.throws(() => numberToVietnameseWords(1.5))
    assert.throws(() => numberToVietnameseWords(Number.MAX_SAFE_INTEGER + 2))
  })
})
