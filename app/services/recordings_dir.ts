import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** Where footage is written (RECORDINGS_DIR, relative paths from the app root). */
export function recordingsDir(): string {
  const dir = env.get('RECORDINGS_DIR') || 'storage/recordings'
  return isAbsolute(dir) ? dir : join(fileURLToPath(app.appRoot), dir)
}
