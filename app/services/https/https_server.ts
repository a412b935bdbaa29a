import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import {
  CERTIFICATE_WARNING_DAYS,
  daysLeft,
  filesMtime,
  loadCertificate,
  type LoadedCertificate,
  type TlsFiles,
} from '#services/https/tls_files'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
type Log = (level: 'info' | 'warn' | 'error', message: string) => void

/** How often the certificate files are checked for a renewal (certbot replaces them). */
export const CERTIFICATE_CHECK_MS = 5 * 60 * 1000

export interface ServedCertificate {
  server: HttpsServer
  current(): LoadedCertificate
  /** Re-read the files; keeps the old certificate (and says why) when the new pair is bad. */
  reload(): boolean
  stop(): void
}

/**
 * The built-in HTTPS server. The certificate is re-read when its files change (checked
 * every 5 minutes, and at once on SIGHUP to this process), so a renewed certificate is served without a restart and
 * a half-copied one never replaces a good one.
 */
export function serveHttps(
  files: TlsFiles,
  handler: Handler,
  log: Log,
  options: { checkEveryMs?: number; onSighup?: boolean } = {}
): ServedCertificate {
  let loaded = loadCertificate(files)
  announce(loaded, log)
  const server = createHttpsServer(
    { cert: loaded.cert, key: loaded.key, minVersion: 'TLSv1.2' },
    handler
  )

  const reload = () => {
    try {
      const next = loadCertificate(files)
      server.setSecureContext({ cert: next.cert, key: next.key, minVersion: 'TLSv1.2' })
      loaded = next
      log('info', `Đã nạp lại chứng chỉ HTTPS / certificate reloaded (${next.subject})`)
      announce(next, log)
      return true
    } catch (error) {
      log(
        'error',
        `Giữ chứng chỉ cũ / keeping the current certificate: ${(error as Error).message}`
      )
      return false
    }
  }

  const timer = setInterval(() => {
    if (filesMtime(files) > loaded.mtimeMs) reload()
  }, options.checkEveryMs ?? CERTIFICATE_CHECK_MS)
  timer.unref()
  const onHup = () => void reload()
  if (options.onSighup ?? true) process.on('SIGHUP', onHup)
  server.once('close', () => {
    clearInterval(timer)
    process.off('SIGHUP', onHup)
  })

  return {
    server,
    current: () => loaded,
    reload,
    stop: () => {
      clearInterval(timer)
      process.off('SIGHUP', onHup)
    },
  }
}

function announce(loaded: LoadedCertificate, log: Log) {
  const left = daysLeft(loaded.expiresAt)
  const names = loaded.names.join(', ') || loaded.subject
  if (left < 0) {
    log('error', `Chứng chỉ HTTPS đã hết hạn / the certificate has expired (${names})`)
  } else if (left < CERTIFICATE_WARNING_DAYS) {
    log('warn', `Chứng chỉ HTTPS hết hạn sau ${left} ngày / expires in ${left} days (${names})`)
  } else {
    log('info', `HTTPS cho ${names}, hết hạn ${loaded.expiresAt.toISOString().slice(0, 10)}`)
  }
}

/**
 * HTTP_REDIRECT_PORT: a plain listener that sends every request to the same path over
 * HTTPS (301 for GET/HEAD, 308 otherwise so a form is not silently turned into a GET).
 * The host is the one the browser asked for, with the HTTPS port.
 */
export function redirectToHttps(httpsPort: number) {
  return createHttpServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '')
    const host = /^[\w.-]+$|^\[[0-9a-f:.]+\]$/i.test(hostHeader) ? hostHeader : 'localhost'
    const port = httpsPort === 443 ? '' : `:${httpsPort}`
    const location = `https://${host}${port}${req.url?.startsWith('/') ? req.url : '/'}`
    const method = req.method ?? 'GET'
    res.writeHead(method === 'GET' || method === 'HEAD' ? 301 : 308, {
      'Location': location,
      'Content-Type': 'text/plain; charset=utf-8',
    })
    res.end(`Chuyển sang HTTPS / moved to HTTPS: ${location}\n`)
  })
}
