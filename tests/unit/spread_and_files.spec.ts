import { test } from '@japa/runner'
import { spreadExactly } from '#services/spread'
import { sniffDocumentType } from '#services/uploads/file_type'

test.group('Spreading an expense over cameras', () => {
  test('the 26-camera contract: shares differ by at most 1 đồng and add up exactly', ({
    assert,
  }) => {
    const shares = spreadExactly(128_690_000, 26)
    assert.lengthOf(shares, 26)
    assert.equal(
      shares.reduce((a, b) => a + b, 0),
      128_690_000
    )
    // 128,690,000 / 26 = 4,949,615 remainder 10: the first ten cameras carry one đồng more.
    assert.deepEqual(shares.slice(0, 10), Array(10).fill(4_949_616))
    assert.deepEqual(shares.slice(10), Array(16).fill(4_949_615))
  })

  test('any total over any count adds up, never negative, also for reversals', ({ assert }) => {
    for (const [total, n] of [
      [1, 3],
      [7, 7],
      [1_000_000_000_001, 13],
      [-3_822_000, 5],
      [0, 4],
    ]) {
      const shares = spreadExactly(total, n)
      assert.equal(
        shares.reduce((a, b) => a + b, 0),
        total
      )
      for (const s of shares) assert.isTrue(Math.abs(s) <= Math.ceil(Math.abs(total) / n))
    }
  })

  test('weighted shares follow the weights and still add up exactly', ({ assert }) => {
    const shares = spreadExactly(100, [1, 1, 1])
    assert.deepEqual(shares, [34, 33, 33])
    assert.deepEqual(spreadExactly(1_000, [2, 1, 1]), [500, 250, 250])
    assert.throws(() => spreadExactly(100, []))
    assert.throws(() => spreadExactly(100.5, 2))
  })
})

test.group('Document types from content', () => {
  test('PDF, JPEG and PNG are recognised by their bytes; anything else is not', ({ assert }) => {
    assert.equal(sniffDocumentType(Buffer.from('%PDF-1.7\n')), 'application/pdf')
    assert.equal(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg')
    assert.equal(
      sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      'image/png'
    )
    assert.isNull(sniffDocumentType(Buffer.from('MZ\x90\x00\x03'))) // a Windows .exe
    assert.isNull(sniffDocumentType(Buffer.from('<html><script>')))
    assert.isNull(sniffDocumentType(Buffer.alloc(0)))
  })
})
