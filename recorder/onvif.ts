import { createSocket } from 'node:dgram'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { Cam } from 'onvif'

// The onvif package's SOAP parser (namespaces stripped, names camel-cased), reused for
// WS-Discovery replies so they are read exactly as the package reads them.
const { parseSOAPString, linerase } = createRequire(import.meta.url)('onvif/lib/utils.js')

export interface OnvifProbeInput {
  host: string
  port: number
  username?: string | null
  password?: string | null
  timeoutMs?: number
}

export interface OnvifProfile {
  token: string
  name: string
  encoding: string | null
  width: number | null
  height: number | null
}

export interface OnvifProbeResult {
  manufacturer: string | null
  model: string | null
  firmware: string | null
  serial: string | null
  profiles: OnvifProfile[]
  /** The main (largest) profile's codec as the camera names it: 'H264', 'H265'… */
  mainEncoding: string | null
  /** RTSP URI of the largest profile, and of the smallest when there are several. */
  mainStreamUri: string | null
  subStreamUri: string | null
  snapshotUri: string | null
  /** Camera clock minus the recorder's clock, whole seconds (the camera reports seconds). */
  clockOffsetSeconds: number
}

export class OnvifError extends Error {
  constructor(
    public kind: 'unreachable' | 'unauthorised' | 'not_onvif',
    message: string
  ) {
    super(message)
  }
}

/**
 * Asks an ONVIF camera (Profile S) what it is: device information, media profiles, the
 * RTSP URIs of its main and sub streams, its snapshot URI and how far its clock is from
 * ours. The camera's clock is measured and reported, never used for footage times.
 */
export async function probeOnvif(input: OnvifProbeInput): Promise<OnvifProbeResult> {
  const cam = camera(input)
  const call = <T>(method: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) =>
      cam[method](...args, (error: unknown, result: T) => (error ? reject(error) : resolve(result)))
    )

  let clockOffsetSeconds: number
  try {
    clockOffsetSeconds = await clockOffset(cam)
  } catch (error) {
    throw classify(error)
  }
  try {
    await new Promise<void>((resolve, reject) =>
      cam.connect((error: unknown) => (error ? reject(error) : resolve()))
    )
    const info = await call<any>('getDeviceInformation').catch(() => ({}))
    const profiles: OnvifProfile[] = (cam.profiles ?? []).map((p: any) => ({
      token: String(p.$?.token ?? ''),
      name: String(p.name ?? p.$?.token ?? ''),
      encoding: p.videoEncoderConfiguration?.encoding ?? null,
      width: numberOrNull(p.videoEncoderConfiguration?.resolution?.width),
      height: numberOrNull(p.videoEncoderConfiguration?.resolution?.height),
    }))
    const bySize = [...profiles].sort(
      (a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0)
    )
    const uriOf = async (profile?: OnvifProfile) =>
      profile
        ? ((await call<any>('getStreamUri', { protocol: 'RTSP', profileToken: profile.token }))
            ?.uri ?? null)
        : null
    const main = bySize[0]
    const sub = bySize.length > 1 ? bySize.at(-1) : undefined
    const snapshot = main
      ? await call<any>('getSnapshotUri', { profileToken: main.token }).catch(() => null)
      : null
    return {
      manufacturer: stringOrNull(info.manufacturer),
      model: stringOrNull(info.model),
      firmware: stringOrNull(info.firmwareVersion),
      serial: stringOrNull(info.serialNumber),
      profiles,
      mainStreamUri: await uriOf(main),
      mainEncoding: main?.encoding ?? null,
      subStreamUri: await uriOf(sub),
      snapshotUri: snapshot?.uri ?? null,
      clockOffsetSeconds,
    }
  } catch (error) {
    throw classify(error)
  }
}

/**
 * ONVIF Profile G: the RTSP replay URI of the camera's (first) recording on its SD card,
 * from GetRecordings and GetReplayUri. The window is asked for later, in PLAY's
 * `Range: clock=` header (see replay_proxy.ts).
 */
export async function onvifReplayUri(input: OnvifProbeInput): Promise<string> {
  const cam = camera(input)
  const call = <T>(method: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) =>
      cam[method](...args, (error: unknown, result: T) => (error ? reject(error) : resolve(result)))
    )
  try {
    await new Promise<void>((resolve, reject) =>
      cam.connect((error: unknown) => (error ? reject(error) : resolve()))
    )
    const items = await call<any>('getRecordings')
    const first = Array.isArray(items) ? items[0] : items
    const token = first?.$?.recordingToken ?? first?.recordingToken
    if (!token) throw new OnvifError('not_onvif', 'the camera lists no recording')
    const uri = await call<any>('getReplayUri', { recordingToken: String(token) })
    const text = typeof uri === 'string' ? uri : uri?.uri
    if (!text) throw new OnvifError('not_onvif', 'the camera gave no replay URI')
    return String(text)
  } catch (error) {
    throw error instanceof OnvifError ? error : classify(error)
  }
}

/** Only the camera's clock offset (the recorder checks it every 30 minutes). */
export async function readOnvifClock(input: OnvifProbeInput): Promise<number> {
  try {
    return await clockOffset(camera(input))
  } catch (error) {
    throw classify(error)
  }
}

function camera(input: OnvifProbeInput): any {
  return new Cam({
    hostname: input.host,
    port: input.port,
    username: input.username ?? undefined,
    password: input.password ?? undefined,
    timeout: input.timeoutMs ?? 5000,
    autoconnect: false,
  })
}

/** Camera clock minus ours, in whole seconds, our time taken mid-request. */
function clockOffset(cam: any): Promise<number> {
  const before = Date.now()
  return new Promise((resolve, reject) =>
    cam.getSystemDateAndTime((error: unknown, time: Date) => {
      if (error) return reject(error)
      resolve(Math.round((time.getTime() - (before + Date.now()) / 2) / 1000))
    })
  )
}

export interface DiscoveryTarget {
  host: string
  port: number
}

export interface DiscoveredDevice {
  urn: string
  /** Where its device service answers (first XAddr). */
  xaddr: string
  host: string
  port: number
  name: string | null
  hardware: string | null
}

/**
 * WS-Discovery as a directed probe: the Probe goes by unicast UDP to each target (a
 * camera's address, port 3702 by default) instead of the 239.255.255.250 multicast the
 * onvif package always uses, so the programme decides exactly where discovery may look
 * (DISCOVERY_TARGET). Replies are collected for `timeoutMs`.
 */
export async function discoverOnvif(
  targets: DiscoveryTarget[],
  timeoutMs = 2000
): Promise<DiscoveredDevice[]> {
  const socket = createSocket('udp4')
  const found = new Map<string, DiscoveredDevice>()
  const messageId = `urn:uuid:${randomUUID()}`
  socket.on('message', (message) => {
    parseSOAPString(message.toString(), (error: unknown, data: any) => {
      if (error || !data?.[0]?.probeMatches) return
      const match = linerase(data).probeMatches.probeMatch
      for (const m of Array.isArray(match) ? match : [match]) {
        const urn = String(m.endpointReference?.address ?? '')
        const xaddr = String(m.XAddrs ?? '').split(/\s+/)[0]
        if (!urn || !xaddr || found.has(urn)) continue
        let url: URL
        try {
          url = new URL(xaddr)
        } catch {
          continue
        }
        const scopes = String(m.scopes ?? '').split(/\s+/)
        const scope = (key: string) => {
          const hit = scopes.find((s) => s.startsWith(`onvif://www.onvif.org/${key}/`))
          return hit ? decodeURIComponent(hit.split('/').pop()!) : null
        }
        found.set(urn, {
          urn,
          xaddr,
          host: url.hostname,
          port: Number(url.port || 80),
          name: scope('name'),
          hardware: scope('hardware'),
        })
      }
    })
  })
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.bind(0, resolve))
  const probe = Buffer.from(probeMessage(messageId))
  for (const target of targets) socket.send(probe, target.port, target.host)
  await new Promise((resolve) => setTimeout(resolve, timeoutMs))
  socket.close()
  return [...found.values()]
}

/** "127.0.0.1, 192.168.1.20:3702" → targets; anything else is refused. */
export function parseDiscoveryTargets(setting: string | undefined | null): DiscoveryTarget[] {
  return (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry)
      if (!match) throw new Error(`DISCOVERY_TARGET: "${entry}" is not host[:port]`)
      return { host: match[1], port: Number(match[2] ?? 3702) }
    })
}

function probeMessage(messageId: string) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<Header><wsa:MessageID xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">' +
    messageId +
    '</wsa:MessageID>' +
    '<wsa:To xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>' +
    '<wsa:Action xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</wsa:Action>' +
    '</Header><Body><Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
    '<Types>dn:NetworkVideoTransmitter</Types><Scopes /></Probe></Body></Envelope>'
  )
}

function classify(error: unknown): OnvifError {
  const text = String((error as Error)?.message ?? error)
  if (/not ?authori[sz]ed|unauthori[sz]ed|401|password/i.test(text)) {
    return new OnvifError('unauthorised', text)
  }
  if (
    /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|timeout|ENOTFOUND|socket hang up/i.test(text)
  ) {
    return new OnvifError('unreachable', text)
  }
  return new OnvifError('not_onvif', text)
}

const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const stringOrNull = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v))
