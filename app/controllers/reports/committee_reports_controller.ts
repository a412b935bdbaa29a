import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { generateCommitteeWorkbook, reportPath } from '#actions/reports/generate_committee_report'
import { narrativeValidator, reportPeriodValidator } from '#validators/report'
import { generateCommitteePage, NoChromiumError } from '#actions/reports/generate_committee_page'
import { savedNarrative } from '#services/reports/committee_narrative'
import { actorFromContext } from '#services/audit'
import { DISPLAY_ZONE } from '#services/dates'
import { REPORT_LEVELS, reportLevelFrom, savedReportLevel } from '#services/locations/location_tree'

/** The committee's report for a period, and the history of every report generated. */
export default class CommitteeReportsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('ReportPolicy').authorize('generate')
    const today = DateTime.now().setZone(DISPLAY_ZONE)
    return view.render('pages/reports/index', {
      history: await db.from('report_history').orderBy('id', 'desc').limit(200),
      defaults: { from: today.startOf('year').toISODate(), to: today.toISODate() },
      levels: REPORT_LEVELS,
      level: await savedReportLevel(),
    })
  }

  /** GET /reports/committee.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD */
  async xlsx(ctx: HttpContext) {
    await ctx.bouncer.with('ReportPolicy').authorize('generate')
    const input = await reportPeriodValidator.validate(ctx.request.qs(), {
      messagesProvider: ctx.i18n.createMessagesProvider(),
    })
    const period = { from: String(input.from), to: String(input.to) }
    if (period.to < period.from) {
      return ctx.response.unprocessableEntity({ message: ctx.i18n.t('reports.bad_period') })
    }
    const { row, path } = await generateCommitteeWorkbook({
      actor: actorFromContext(ctx),
      period,
      locationLevel: reportLevelFrom(input.location_level) ?? undefined,
      t: (key, data) => ctx.i18n.t(key, data),
    })
    ctx.response.header('X-Report-Sha256', row.sha256)
    return ctx.response.attachment(path, `bao-cao-ban-chi-dao_${period.from}_${period.to}.xlsx`)
  }

  async download({ bouncer, params, response }: HttpContext) {
    await bouncer.with('ReportPolicy').authorize('generate')
    const row = await db.from('report_history').where('id', params.id).firstOrFail()
    return response.attachment(reportPath(row.file_name), row.file_name)
  }

  /** The form: the period and the committee's text around the figures (kept from last time). */
  async form({ view, bouncer }: HttpContext) {
    await bouncer.with('ReportPolicy').authorize('generate')
    const today = DateTime.now().setZone(DISPLAY_ZONE)
    return view.render('pages/reports/committee_form', {
      narrative: await savedNarrative(),
      defaults: {
        from: today.startOf('year').toISODate(),
        to: today.toISODate(),
        date: today.toISODate(),
      },
      levels: REPORT_LEVELS,
      level: await savedReportLevel(),
    })
  }

  /** POST: the printable A4 page (format=html) or its PDF (format=pdf). */
  async print(ctx: HttpContext) {
    await ctx.bouncer.with('ReportPolicy').authorize('generate')
    const input = await ctx.request.validateUsing(narrativeValidator)
    const period = { from: String(input.from), to: String(input.to) }
    if (period.to < period.from) {
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t('reports.bad_period'))
      return ctx.response.redirect().toRoute('reports.committee_form')
    }
    const { from, to, report_date: reportDate, location_level: level, ...narrative } = input
    const format = ctx.request.input('format') === 'pdf' ? 'pdf' : 'html'
    try {
      const result = await generateCommitteePage({
        actor: actorFromContext(ctx),
        period,
        locationLevel: reportLevelFrom(level) ?? undefined,
        narrative,
        reportDate: String(reportDate),
        format,
        t: (key, data) => ctx.i18n.t(key, data),
      })
      ctx.response.header('X-Report-Sha256', result.row.sha256)
      if (format === 'pdf') {
        return ctx.response.attachment(
          result.path,
          `bao-cao-ban-chi-dao_${period.from}_${period.to}.pdf`
        )
      }
      ctx.response.header('Content-Type', 'text/html; charset=utf-8')
      // Print and back buttons on screen only: the stored copy (and its hash) stays the document.
      const toolbar = await ctx.view.render('partials/print_toolbar', {
        back: router.makeUrl('reports.committee_form'),
      })
      return result.html.replace('<body>', `<body>\n${toolbar}`)
    } catch (error) {
      if (!(error instanceof NoChromiumError)) throw error
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t('reports.no_chromium'))
      return ctx.response.redirect().toRoute('reports.committee_form')
    }
  }
}
