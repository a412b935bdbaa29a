import { isIP } from 'node:net'
import env from '#start/env'
import { readSetting, writeSettings } from '#services/settings/app_settings'
import type { AuditActor } from '#services/audit'

/**
 * The address households' phones reach the portal at (QR labels, links on public pages).
 * Set by the admin on the settings page; until then PUBLIC_URL from the environment; until
 * then the address the page was opened with, which is usually one only the office can use.
 */
const KEY = 'public_address'

export interface PublicAddress {
  url: string | null
}

function defaults(): PublicAddress {
  return { url: env.get('PUBLIC_URL') ?? null }
}

export function readPublicAddress() {
  return readSetting<PublicAddress>(KEY, defaults())
}

export function savePublicAddress(actor: AuditActor, url: string | null) {
  const value = { url: url ? url.replace(/\/+$/, '') : null }
  return writeSettings(actor, [{ key: KEY, defaults: defaults(), value }])
}

/** The origin to print on labels: the saved address, else the one this request came in on. */
export async function publicOrigin(requestOrigin: string) {
  const { url } = await readPublicAddress()
  return (url || requestOrigin).replace(/\/+$/, '')
}

export type AddressWarning = 'not_set' | 'loopback' | 'private'

/**
 * Why a household's phone (on mobile data or its own Wi-Fi) would not open this address:
 * it is this machine itself, or an address inside a private network.
 */
export function addressWarning(url: string | null): AddressWarning | null {
  if (!url) return 'not_set'
  let host: string
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return 'not_set'
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return 'loopback'
  if (host.endsWith('.local') || host.endsWith('.lan') || host.endsWith('.home')) return 'private'
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number)
    if (a === 127 || a === 0) return 'loopback'
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
    if (a === 169 && b === 254) return 'private'
    if (a === 100 && b >= 64 && b <= 127) return 'private' // carrier-grade NAT
  }
  if (isIP(host) === 6 && /^(fc|fd|fe80)/.test(host)) return 'private'
  return null
}
