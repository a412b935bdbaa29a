import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import limiter from '@adonisjs/limiter/services/main'

/**
 * The public fault report's limits, counted before its body is read: five reports an hour
 * from one address (a household), twenty an hour for one camera (a street's worth of
 * neighbours). Over either: the 429 page, and nothing was written to disk.
 */
export default class FaultReportLimitMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const code = String(ctx.params.code ?? '')
      .toUpperCase()
      .slice(0, 40)
    await limiter
      .use({ requests: 5, duration: '1 hour', blockDuration: '1 hour' })
      .consume(`fault_report_${ctx.request.ip()}`)
    await limiter
      .use({ requests: 20, duration: '1 hour', blockDuration: '15 min' })
      .consume(`fault_report_camera_${code}`)
    return next()
  }
}
