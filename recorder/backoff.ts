/**
 * Delay before restarting a camera's ffmpeg after its `failures`-th failure in a row:
 * 1 s doubling to a 30 s cap, with ±20 % jitter so that 26 cameras behind one power cut do
 * not all reconnect in the same instant. `random` is injectable for tests.
 */
export function nextBackoffMs(failures: number, random: () => number = Math.random) {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1))
  const jitter = 1 + (random() * 0.4 - 0.2)
  return Math.round(Math.min(30_000, base * jitter))
}
