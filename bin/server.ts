/*
| HTTP server entrypoint. `npm start` runs it as a child of `node ace start`, next to the
| recorder; it can also run on its own (`node --import=ts-node-maintained/register/esm
| bin/server.js`) when DATABASE_URL points at a real server.
|
| With TLS_CERT_PATH and TLS_KEY_PATH it serves HTTPS itself (and, with HTTP_REDIRECT_PORT,
| redirects plain HTTP there); otherwise plain HTTP, for the LAN or behind a reverse proxy.
*/
import 'reflect-metadata'
import { createServer } from 'node:http'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import type { Logger } from '@adonisjs/core/logger'
import { ensureEnvFile } from './ensure_env.js'
import { tlsFilesFromEnv } from '#services/https/tls_files'
import { redirectToHttps, serveHttps } from '#services/https/https_server'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

ensureEnvFile(APP_ROOT)

let logger: Logger | undefined

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.booted(async () => {
      logger = await app.container.make('logger')
    })
    // Ctrl+C reaches the whole process group: finish in-flight requests instead of dying.
    app.listen('SIGTERM', () => app.terminate())
    app.listen('SIGINT', () => app.terminate())
  })
  .httpServer()
  .start((handler) => {
    const files = tlsFilesFromEnv()
    if (!files) return createServer(handler)
    const served = serveHttps(files, handler, (level, message) => logger?.[level](message))
    const redirectPort = Number(process.env.HTTP_REDIRECT_PORT)
    if (redirectPort) {
      const redirect = redirectToHttps(Number(process.env.PORT || 3333))
      redirect.listen(redirectPort, process.env.HOST || '0.0.0.0')
      served.server.once('close', () => redirect.close())
    }
    return served.server
  })
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
