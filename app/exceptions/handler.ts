import { UploadRefusedError } from '#services/uploads/stored_file'
import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { isApiRequest } from '#services/api_request'

interface ApiError {
  message: string
  field?: string
  code: string
}

type AnyError = {
  code?: string
  status?: number
  messages?: unknown
  response?: { availableIn?: number }
}

/**
 * Errors, the way each audience needs them:
 * - API (/api/*): always JSON `{"errors":[{"message","field?","code"}]}` with the right
 *   status, never HTML or a stack trace;
 * - pages: Vietnamese (or English) error pages; validation errors go back to the form.
 * Stack traces never reach a response (APP_DEBUG=true shows them in development only).
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = process.env.APP_DEBUG === 'true' && !app.inProduction
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, { view }) => view.render('pages/errors/403', { error }),
    '404': (error, { view }) => view.render('pages/errors/404', { error }),
    '429': (error, { view }) => view.render('pages/errors/429', { error }),
    '500..599': (error, { view }) => view.render('pages/errors/500', { error }),
  }

  async handle(error: unknown, ctx: HttpContext) {
    const err = error as AnyError
    // An upload refused before the route ran (the disk guard): say why, keep nothing.
    if (error instanceof UploadRefusedError) {
      const message = ctx.i18n.t(`uploads.${error.reason}`)
      if (isApiRequest(ctx)) {
        return ctx.response.status(507).send({ errors: [{ message, code: 'E_UPLOAD_REFUSED' }] })
      }
      ctx.session.flash('error', message)
      return ctx.response.redirect().back()
    }
    if (isApiRequest(ctx)) return this.renderApiError(err, ctx)

    // These errors carry their own plain-text rendering; give them a real page instead.
    if (err.code === 'E_AUTHORIZATION_FAILURE' || err.code === 'E_BAD_CSRF_TOKEN') {
      return ctx.response
        .status(403)
        .send(await ctx.view.render('pages/errors/403', { reason: err.code }))
    }
    if (err.code === 'E_TOO_MANY_REQUESTS') {
      return ctx.response.status(429).send(await ctx.view.render('pages/errors/429', {}))
    }
    if (err.code === 'E_REQUEST_ENTITY_TOO_LARGE') {
      return ctx.response.status(413).send(await ctx.view.render('pages/errors/413', {}))
    }
    if (err.code === 'E_ROW_NOT_FOUND') {
      return ctx.response.status(404).send(await ctx.view.render('pages/errors/404', {}))
    }
    return super.handle(error, ctx)
  }

  protected renderApiError(err: AnyError, ctx: HttpContext) {
    const t = (key: string, fallback: string) =>
      ctx.i18n ? ctx.i18n.t(`errors.${key}`, {}, fallback) : fallback

    if (err.code === 'E_VALIDATION_ERROR' && Array.isArray(err.messages)) {
      const errors: ApiError[] = err.messages.map((m: any) => ({
        message: m.message,
        field: m.field,
        code: m.rule ?? 'invalid',
      }))
      return ctx.response.status(422).send({ errors })
    }

    const known: Record<string, number> = {
      E_UNAUTHORIZED_ACCESS: 401,
      E_AUTHORIZATION_FAILURE: 403,
      E_ROUTE_NOT_FOUND: 404,
      E_ROW_NOT_FOUND: 404,
      E_TOO_MANY_REQUESTS: 429,
      E_REQUEST_ENTITY_TOO_LARGE: 413,
    }
    let status = (err.code && known[err.code]) || err.status || 500
    if (status < 400 || status > 599) status = 500
    const code = status === 500 ? 'E_INTERNAL' : (err.code ?? `E_HTTP_${status}`)

    if (status === 429 && err.response?.availableIn) {
      ctx.response.header('Retry-After', String(err.response.availableIn))
    }
    const fallback = status === 500 ? 'Lỗi hệ thống, vui lòng thử lại sau' : 'Yêu cầu không hợp lệ'
    return ctx.response.status(status).send({ errors: [{ message: t(code, fallback), code }] })
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
