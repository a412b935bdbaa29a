import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { migrateToLatest } from '#services/migrate'

/** Empties the benchmark database: every migration down, then up again. */
export async function reset() {
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const down = new MigrationRunner(db, app, { direction: 'down', batch: 0, dryRun: false })
  await down.run()
  if (down.error) throw down.error
  await migrateToLatest()
}

export interface Measurement {
  label: string
  ms: number
  /** Highest resident set size seen while it ran, MiB. */
  peakRssMiB: number
  /** RSS growth over the value just before it started, MiB. */
  rssGrowthMiB: number
}

/** Wall time and peak RSS (sampled every 20 ms) of one step. */
export async function measure<T>(label: string, work: () => Promise<T>) {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const start = performance.now()
  const result = await work()
  const ms = performance.now() - start
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
  const measurement: Measurement = {
    label,
    ms: Math.round(ms),
    peakRssMiB: mib(peak),
    rssGrowthMiB: mib(peak - before),
  }
  return { result, measurement }
}

export function table(rows: Measurement[]) {
  const lines = ['| step | time (ms) | peak RSS (MiB) | RSS growth (MiB) |', '|---|---:|---:|---:|']
  for (const r of rows) lines.push(`| ${r.label} | ${r.ms} | ${r.peakRssMiB} | ${r.rssGrowthMiB} |`)
  return lines.join('\n')
}
