import type { HttpContext } from '@adonisjs/core/http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * The browser libraries the pages use, resolved from node_modules: a fixed list, by name.
 * Each is a file next to its package's entry point (package exports hide subpaths).
 */
const LIBRARIES: Record<string, { module: string; file: string }> = {
  // The full build: the light one cannot parse H.265 in MPEG-TS (issue 20).
  'hls.min.js': { module: 'hls.js', file: 'hls.min.js' },
  'chart.min.js': { module: 'chart.js', file: 'chart.umd.min.js' },
}

export default class VendorController {
  async show({ params, response }: HttpContext) {
    const library = LIBRARIES[params.name]
    if (!library) return response.notFound()
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return response.download(join(dirname(require.resolve(library.module)), library.file))
  }
}
