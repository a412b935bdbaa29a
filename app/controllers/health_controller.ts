import type { HttpContext } from '@adonisjs/core/http'
import SystemHealth from '#services/system_health'

/**
 * GET /healthz (no login): for monitoring scripts and the recorder's watchdog. Anyone gets
 * the overall status; the details (disk space, recorder heartbeat) only a caller on this
 * machine or a signed-in admin, so nobody outside can watch the disk fill.
 */
export default class HealthController {
  async show({ response, request, auth }: HttpContext) {
    const health = await SystemHealth.check()
    const status = health.database.ok ? 200 : 503
    const local = isLoopback(request.ip())
    const admin = !local && (await auth.check()) && auth.user?.role === 'admin'
    if (local || admin) return response.status(status).send(health)
    return response.status(status).send({ status: health.status })
  }
}

function isLoopback(ip: string) {
  return ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1'
}
