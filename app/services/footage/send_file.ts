import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Sends a file with HTTP range support (`Range: bytes=a-b`, one range), so players can
 * seek and downloads can resume: 206 with Content-Range, 416 for a range past the end.
 */
export async function sendFileWithRanges(
  { request, response }: HttpContext,
  path: string,
  contentType: string
) {
  const size = (await stat(path)).size
  response.header('Accept-Ranges', 'bytes')
  response.header('Content-Type', contentType)
  response.header('X-Content-Type-Options', 'nosniff')
  const range = request.header('range')
  const match = range?.match(/^bytes=(\d*)-(\d*)$/)
  if (range && !match) return response.status(416).send('')
  if (match && (match[1] !== '' || match[2] !== '')) {
    let start: number
    let end: number
    if (match[1] === '') {
      start = Math.max(0, size - Number(match[2]))
      end = size - 1
    } else {
      start = Number(match[1])
      end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
    }
    if (start >= size || start > end) {
      response.header('Content-Range', `bytes */${size}`)
      return response.status(416).send('')
    }
    response.status(206)
    response.header('Content-Range', `bytes ${start}-${end}/${size}`)
    response.header('Content-Length', String(end - start + 1))
    return response.stream(createReadStream(path, { start, end }))
  }
  response.header('Content-Length', String(size))
  return response.stream(createReadStream(path))
}
