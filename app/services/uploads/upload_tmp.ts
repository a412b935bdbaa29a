import { mkdir, rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'

/**
 * Where uploads are streamed while a request is handled: a folder the app owns (0700),
 * emptied of each request's files when the request ends, whatever its outcome. Never the
 * system temp folder, never the recordings.
 */
export function uploadTmpDir() {
  return process.env.UPLOAD_TMP_DIR || app.makePath('storage/tmp/uploads')
}

export async function prepareUploadTmpDir() {
  const dir = uploadTmpDir()
  await mkdir(dir, { recursive: true, mode: 0o700 })
  return dir
}

/** Removes a request's temporary files (already moved ones are simply gone). */
export async function removeUploadTmp(paths: string[]) {
  await Promise.all(paths.map((path) => rm(path, { force: true })))
}

/** Removes temporary uploads left by a killed process (older than an hour), at start. */
export async function sweepUploadTmp(olderThanMs = 3_600_000) {
  const { readdir, stat } = await import('node:fs/promises')
  const { join } = await import('node:path')
  const dir = uploadTmpDir()
  const names = await readdir(dir).catch(() => [] as string[])
  const now = Date.now()
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => null)
    if (info && now - info.mtimeMs > olderThanMs) await rm(path, { force: true })
  }
}
