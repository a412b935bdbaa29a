import type { HttpContext } from '@adonisjs/core/http'
import SystemHealth from '#services/system_health'

/** GET /healthz (no login): for monitoring scripts and the recorder's watchdog. */
export default class HealthController {
  async show({ response }: HttpContext) {
    const health = await SystemHealth.check()
    return response.status(health.database.ok ? 200 : 503).send(health)
  }
}
