import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import string from '@adonisjs/core/helpers/string'
import { Exception } from '@adonisjs/core/exceptions'
import { prepareUploadTmpDir, removeUploadTmp } from '#services/uploads/upload_tmp'
import { ensureRoomFor } from '#services/uploads/stored_file'

/**
 * Parses a multipart body on the one route that takes files, after the route's own checks
 * (login, role, rate limit) have run: nobody else's request ever writes to disk. The body
 * parser itself never processes multipart (config/bodyparser.ts). Each route states its
 * limit; files go to the app's own temp folder and are removed when the request ends.
 * The limit is the whole body's: a route whose files may be 10 MB allows 12 MB, so its own
 * size check can answer on the form; far larger bodies get the 413 page unread.
 */
export default class UploadMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { limit: string }) {
    const multipart = ctx.request.multipart
    if (!multipart || !ctx.request.is(['multipart/form-data'])) return next()
    const limit = string.bytes.parse(options.limit) ?? 0
    const declared = Number(ctx.request.header('content-length') ?? 0)
    // Fields and boundaries add a little; a body declared much larger than the file limit
    // is refused before a byte is read.
    if (declared > limit + 256 * 1024) throw tooLarge()
    const dir = await prepareUploadTmpDir()
    await ensureRoomFor(dir, Math.min(declared || limit, limit))

    const written: string[] = []
    multipart.onFile('*', { deferValidations: true }, async (part, reporter) => {
      const tmpPath = join(dir, randomUUID())
      written.push(tmpPath)
      part.pause()
      part.on('data', reporter)
      try {
        await pipeline(part, createWriteStream(tmpPath, { mode: 0o600 }))
      } catch (error) {
        multipart.abort(error)
      }
      return { tmpPath }
    })
    try {
      // The multipart reader stops at the route's limit (413) as it counts the bytes.
      await multipart.process({ limit })
      await next()
    } finally {
      await removeUploadTmp(written)
    }
  }
}

function tooLarge() {
  return new Exception('request entity too large', {
    code: 'E_REQUEST_ENTITY_TOO_LARGE',
    status: 413,
  })
}
