import type { HttpContext } from '@adonisjs/core/http'
import SystemHealth from '#services/system_health'

export default class DashboardController {
  async index({ view }: HttpContext) {
    const health = await SystemHealth.check()
    return view.render('pages/dashboard', { health })
  }
}
