import type { HttpContext } from '@adonisjs/core/http'
import { upkeepQueryValidator } from '#validators/upkeep'
import { upkeepForecast } from '#services/reports/upkeep_forecast'

/** What keeping the cameras running cost last year, next year's forecast, per household. */
export default class UpkeepController {
  async show({ view, bouncer, request }: HttpContext) {
    await bouncer.with('ReportPolicy').authorize('generate')
    const input = await request.validateUsing(upkeepQueryValidator, { data: request.qs() })
    const upkeep = await upkeepForecast({
      households: input.households ?? null,
      localBudget: input.local_budget ?? 0,
    })
    return view.render('pages/reports/upkeep', { upkeep, input })
  }
}
