import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A self-signed certificate for localhost and 127.0.0.1, made by openssl as an operator
 * would (docs/operations.md), valid for `days`.
 */
export function makeCertificate(days = 365, name = 'cert') {
  const dir = mkdtempSync(join(tmpdir(), 'can-tls-'))
  const certPath = join(dir, `${name}.pem`)
  const keyPath = join(dir, `${name}.key`)
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      String(days),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' }
  )
  return { dir, certPath, keyPath }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
  /** SHA-256 fingerprint of the certificate the server presented (HTTPS only). */
  fingerprint?: string
}

/**
 * One request by Node's own client (fetch cannot trust a private CA per request): HTTPS
 * trusting only `ca`, on a fresh connection each time.
 */
export function rawRequest(
  url: string,
  options: { ca?: Buffer; method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<RawResponse> {
  const secure = url.startsWith('https:')
  const send = secure ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(secure ? { ca: options.ca, agent: false } : { agent: false }),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const socket = res.socket as import('node:tls').TLSSocket
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            fingerprint: secure ? socket.getPeerCertificate?.()?.fingerprint256 : undefined,
          })
        })
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export function setCookies(response: RawResponse): string[] {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? [])
}
