import { X509Certificate, createPrivateKey } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { createSecureContext } from 'node:tls'

/**
 * The built-in server's certificate: TLS_CERT_PATH (PEM, the full chain) and TLS_KEY_PATH
 * (PEM private key). Both or neither; with neither the server speaks plain HTTP (a reverse
 * proxy, or the LAN without HTTPS).
 */
export interface TlsFiles {
  certPath: string
  keyPath: string
}

export interface LoadedCertificate {
  cert: Buffer
  key: Buffer
  /** Subject and the names the certificate is valid for, for the log and the admin. */
  subject: string
  names: string[]
  expiresAt: Date
  /** Newest modification time of the two files: a renewal changes it. */
  mtimeMs: number
}

export class TlsConfigError extends Error {}

export function tlsFilesFromEnv(vars: NodeJS.ProcessEnv = process.env): TlsFiles | null {
  const certPath = vars.TLS_CERT_PATH?.trim()
  const keyPath = vars.TLS_KEY_PATH?.trim()
  if (!certPath && !keyPath) return null
  if (!certPath || !keyPath) {
    throw new TlsConfigError(
      `Cần đặt cả TLS_CERT_PATH và TLS_KEY_PATH (đang thiếu ${certPath ? 'TLS_KEY_PATH' : 'TLS_CERT_PATH'}). ` +
        '/ Set both TLS_CERT_PATH and TLS_KEY_PATH, or neither.'
    )
  }
  return { certPath, keyPath }
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new TlsConfigError(
      `Không đọc được ${what} ${path} (${code === 'ENOENT' ? 'không có tệp' : code === 'EACCES' ? 'không có quyền đọc' : code}). ` +
        `/ Cannot read the ${what === 'chứng chỉ' ? 'certificate' : 'private key'} at ${path}.`
    )
  }
}

/**
 * Reads and checks the pair: both PEM, the key belongs to the certificate. Every failure is
 * a sentence the operator can act on, not an OpenSSL code.
 */
export function loadCertificate(files: TlsFiles): LoadedCertificate {
  const cert = readPem(files.certPath, 'chứng chỉ')
  const key = readPem(files.keyPath, 'khoá riêng')
  let x509: X509Certificate
  try {
    x509 = new X509Certificate(cert)
  } catch {
    throw new TlsConfigError(
      `${files.certPath} không phải chứng chỉ PEM (-----BEGIN CERTIFICATE-----). ` +
        '/ The certificate file is not a PEM certificate.'
    )
  }
  try {
    createPrivateKey(key)
  } catch {
    throw new TlsConfigError(
      `${files.keyPath} không phải khoá riêng PEM, hoặc khoá có mật khẩu (không hỗ trợ). ` +
        '/ The key file is not an unencrypted PEM private key.'
    )
  }
  try {
    createSecureContext({ cert, key })
  } catch {
    throw new TlsConfigError(
      `Khoá riêng ${files.keyPath} không khớp với chứng chỉ ${files.certPath}. ` +
        '/ The private key does not belong to the certificate.'
    )
  }
  const names = (x509.subjectAltName ?? '')
    .split(',')
    .map((part) => part.trim().replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean)
  return {
    cert,
    key,
    subject: x509.subject.replace(/\n/g, ', '),
    names,
    expiresAt: new Date(x509.validTo),
    mtimeMs: filesMtime(files),
  }
}

export function filesMtime(files: TlsFiles): number {
  try {
    return Math.max(statSync(files.certPath).mtimeMs, statSync(files.keyPath).mtimeMs)
  } catch {
    return 0
  }
}

/** Days until the certificate expires (negative once expired), whole days rounded down. */
export function daysLeft(expiresAt: Date, now = new Date()): number {
  return Math.floor((expiresAt.getTime() - now.getTime()) / 86_400_000)
}

/** Warn the admin this many days before the certificate expires. */
export const CERTIFICATE_WARNING_DAYS = 21

/**
 * What the admin needs to know about the built-in server's certificate, read from disk now
 * (the web process may have reloaded it since boot). Null without built-in HTTPS.
 */
export function certificateStatus(
  vars: NodeJS.ProcessEnv = process.env,
  now = new Date()
):
  | { expiresAt: Date; daysLeft: number; names: string[]; error?: undefined }
  | { error: string }
  | null {
  try {
    const files = tlsFilesFromEnv(vars)
    if (!files) return null
    const loaded = loadCertificate(files)
    return {
      expiresAt: loaded.expiresAt,
      daysLeft: daysLeft(loaded.expiresAt, now),
      names: loaded.names,
    }
  } catch (error) {
    return { error: (error as Error).message }
  }
}
