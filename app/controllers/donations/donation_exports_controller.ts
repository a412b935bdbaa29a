import type { HttpContext } from '@adonisjs/core/http'
import { donationFilterValidator, toDonationFilters } from '#validators/donation'
import { ledgerRows, donorsWithTotals } from '#services/donations/donation_queries'
import { exportDonations, exportDonors } from '#services/donations/donation_exports'
import { todayIso } from '#services/dates'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Downloads of the ledger and the donor list as .xlsx or .csv. */
export default class DonationExportsController {
  async donations(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('view')
    const filter = await ctx.request.validateUsing(donationFilterValidator)
    const donations = await ledgerRows(toDonationFilters(filter))
    const t = ctx.i18n.t.bind(ctx.i18n)
    return this.send(ctx, `ung-ho-${todayIso()}`, ctx.params.format, () =>
      ctx.params.format === 'xlsx'
        ? exportDonations.xlsx(donations, t)
        : exportDonations.csv(donations, t)
    )
  }

  async donors(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('view')
    const donors = await donorsWithTotals()
    const t = ctx.i18n.t.bind(ctx.i18n)
    return this.send(ctx, `nguoi-ung-ho-${todayIso()}`, ctx.params.format, () =>
      ctx.params.format === 'xlsx' ? exportDonors.xlsx(donors, t) : exportDonors.csv(donors, t)
    )
  }

  protected async send(
    { response }: HttpContext,
    basename: string,
    format: string,
    build: () => Promise<Buffer> | string
  ) {
    const body = await build()
    response.header('Content-Type', format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
    response.attachment(`${basename}.${format}`)
    response.header('X-Content-Type-Options', 'nosniff')
    return response.send(body)
  }
}
