/**
 * RTSP over one TCP connection, as both ends see it: text messages (request or response
 * line, headers, optional body) and, once playing, interleaved binary frames (`$`, channel,
 * 16-bit length, RTP/RTCP packet). Used by the replay proxy (to add ONVIF replay headers and
 * read the camera's answer) and by the simulated camera's SD-card replay server.
 */

export interface RtspMessage {
  kind: 'message'
  /** `PLAY rtsp://… RTSP/1.0` or `RTSP/1.0 200 OK`. */
  startLine: string
  headers: [string, string][]
  body: Buffer
}

export interface RtspFrame {
  kind: 'frame'
  channel: number
  /** The whole frame, header included, ready to forward. */
  raw: Buffer
}

export type RtspItem = RtspMessage | RtspFrame

/** A header's value (case-insensitive name), or undefined. */
export function header(message: RtspMessage, name: string): string | undefined {
  const lower = name.toLowerCase()
  return message.headers.find(([n]) => n.toLowerCase() === lower)?.[1]
}

/** Sets (replacing) or, with `undefined`, removes a header. */
export function setHeader(message: RtspMessage, name: string, value: string | undefined) {
  const lower = name.toLowerCase()
  message.headers = message.headers.filter(([n]) => n.toLowerCase() !== lower)
  if (value !== undefined) message.headers.push([name, value])
}

export function method(message: RtspMessage): string {
  return message.startLine.split(' ')[0]
}

/** The status code of a response, or null for a request. */
export function statusOf(message: RtspMessage): number | null {
  const match = /^RTSP\/\d\.\d (\d{3})/.exec(message.startLine)
  return match ? Number(match[1]) : null
}

export function serialize(message: RtspMessage): Buffer {
  const headers = message.headers.filter(([n]) => n.toLowerCase() !== 'content-length')
  if (message.body.length) headers.push(['Content-Length', String(message.body.length)])
  const head = [message.startLine, ...headers.map(([n, v]) => `${n}: ${v}`), '', ''].join('\r\n')
  return Buffer.concat([Buffer.from(head, 'utf8'), message.body])
}

export function response(
  status: number,
  reason: string,
  cseq: string | undefined,
  headers: [string, string][] = [],
  body: Buffer = Buffer.alloc(0)
): Buffer {
  return serialize({
    kind: 'message',
    startLine: `RTSP/1.0 ${status} ${reason}`,
    headers: [['CSeq', cseq ?? '0'], ...headers],
    body,
  })
}

/** Longest header block accepted; anything bigger is not RTSP. */
const MAX_HEAD = 64 * 1024

/** Splits a byte stream into RTSP messages and interleaved frames, whatever the chunking. */
export class RtspReader {
  #buffer: Buffer = Buffer.alloc(0)

  push(chunk: Buffer): RtspItem[] {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk
    const items: RtspItem[] = []
    for (;;) {
      const buffer = this.#buffer
      if (buffer.length === 0) break
      if (buffer[0] === 0x24) {
        if (buffer.length < 4) break
        const length = buffer.readUInt16BE(2)
        if (buffer.length < 4 + length) break
        items.push({ kind: 'frame', channel: buffer[1], raw: buffer.subarray(0, 4 + length) })
        this.#buffer = buffer.subarray(4 + length)
        continue
      }
      const end = buffer.indexOf('\r\n\r\n')
      if (end < 0) {
        if (buffer.length > MAX_HEAD) throw new Error('RTSP header block too long')
        break
      }
      const lines = buffer.subarray(0, end).toString('utf8').split('\r\n')
      const headers: [string, string][] = []
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':')
        if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
      }
      const lengthHeader = headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1]
      const bodyLength = Number(lengthHeader ?? 0) || 0
      if (buffer.length < end + 4 + bodyLength) break
      items.push({
        kind: 'message',
        startLine: lines[0],
        headers,
        body: buffer.subarray(end + 4, end + 4 + bodyLength),
      })
      this.#buffer = buffer.subarray(end + 4 + bodyLength)
    }
    return items
  }
}

/** `20261128T100000Z` (ONVIF replay clock and the Hikvision replay URL form). */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** `20261128T100000Z` or `20261128T100000.5Z` → Date, or null. */
export function parseCompactUtc(text: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text.trim())
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number)
  const ms = match[7] ? Math.round(Number(match[7]) * 1000) : 0
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms))
}

/** `Range: clock=A-B` → the two instants (B may be open). */
export function parseClockRange(value: string | undefined): { from: Date; to: Date | null } | null {
  const match = /clock=([0-9T.Z]+)-([0-9T.Z]*)/.exec(value ?? '')
  if (!match) return null
  const from = parseCompactUtc(match[1])
  if (!from) return null
  return { from, to: match[2] ? parseCompactUtc(match[2]) : null }
}
