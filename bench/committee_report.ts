import type { Logger } from '@adonisjs/core/logger'
import { generateCommitteeWorkbook } from '#actions/reports/generate_committee_report'
import { flag } from '#bench/recorder_support'
import { seedBusyYear } from '#bench/busy_year'
import { measure, table } from '#bench/support'

/**
 * The committee's workbook for a year of a busy programme: `--donations` (10,000) donors
 * with one donation each, 2,000 paid expenses, 200 cameras, 1,000 tickets and a recording
 * run per camera per day for 365 days. Time and peak memory of generating it; run again
 * with `--donations 100000` to see memory stay flat as rows grow.
 */
export default async function bench(logger: Logger, flags: Record<string, unknown>) {
  const donations = flag(flags, 'donations', 10_000)
  const { user } = await seedBusyYear(donations)
  const t = (key: string) => key
  const { measurement, result } = await measure(
    `committee .xlsx: ${donations} donations, 2,000 expenses, 200 cameras, 1,000 tickets, 365 days`,
    () =>
      generateCommitteeWorkbook({
        actor: { id: user.id, label: 'bench', ip: null },
        period: { from: '2026-01-01', to: '2026-12-31' },
        t,
      })
  )
  logger.info(`${result.row.file_name}: ${Math.round(result.row.bytes / 1024)} KiB`)
  console.log(table([measurement]))
  console.log(
    JSON.stringify({
      donations,
      ms: measurement.ms,
      peak_rss_mib: measurement.peakRssMiB,
      rss_growth_mib: measurement.rssGrowthMiB,
      kib: Math.round(result.row.bytes / 1024),
    })
  )
}
