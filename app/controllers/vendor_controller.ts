import type { HttpContext } from '@adonisjs/core/http'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** The browser libraries the pages use, resolved from node_modules: a fixed list, by name. */
const LIBRARIES: Record<string, string> = {
  'hls.min.js': 'hls.js/dist/hls.light.min.js',
}

export default class VendorController {
  async show({ params, response }: HttpContext) {
    const module = LIBRARIES[params.name]
    if (!module) return response.notFound()
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return response.download(require.resolve(module))
  }
}
