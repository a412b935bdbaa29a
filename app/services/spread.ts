/**
 * Splits a whole-đồng amount into shares that add up to it exactly: each share gets its
 * floor, and the đồng left over go one each to the first shares (largest remainders first
 * when weighted). No rounding loss, no negative share.
 */
export function spreadExactly(total: number, weights: number[] | number): number[] {
  const w = typeof weights === 'number' ? Array.from({ length: weights }, () => 1) : weights
  if (!Number.isSafeInteger(total)) throw new RangeError('total must be a whole number')
  if (w.length === 0) throw new RangeError('nothing to spread over')
  if (w.some((x) => !Number.isSafeInteger(x) || x < 0)) throw new RangeError('bad weight')
  const sum = w.reduce((a, b) => a + b, 0)
  if (sum === 0) throw new RangeError('weights add up to zero')
  const sign = total < 0 ? -1 : 1
  const abs = Math.abs(total)
  // BigInt for the products: 10^12 đồng × weights stays exact.
  const floors = w.map((x) => Number((BigInt(abs) * BigInt(x)) / BigInt(sum)))
  const remainders = w.map((x, i) => ({
    i,
    rest: Number((BigInt(abs) * BigInt(x)) % BigInt(sum)),
  }))
  let left = abs - floors.reduce((a, b) => a + b, 0)
  remainders.sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of remainders) {
    if (left === 0) break
    floors[i] += 1
    left -= 1
  }
  return floors.map((x) => x * sign)
}
