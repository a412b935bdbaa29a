import type { HttpContext } from '@adonisjs/core/http'
import { monthQueryValidator } from '#validators/month'
import { policeMonth } from '#services/reports/police_month'
import { todayIso } from '#services/dates'

/** The police chief's month: footage requests and their outcome, cameras down, gaps. */
export default class PoliceMonthController {
  async show({ view, bouncer, request }: HttpContext) {
    await bouncer.with('ReportPolicy').authorize('policeMonth')
    const { month } = await request.validateUsing(monthQueryValidator, { data: request.qs() })
    return view.render('pages/reports/police_month', {
      report: await policeMonth(month ?? todayIso().slice(0, 7)),
      canSeeCases: await bouncer.with('FootagePolicy').allows('view'),
    })
  }
}
