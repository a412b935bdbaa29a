import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'
import {
  RtspReader,
  compactUtc,
  header,
  method,
  parseClockRange,
  parseCompactUtc,
  response,
} from '#recorder/rtsp_wire'

export interface CardOptions {
  ffmpeg: string
  /** The camera's looped clip (10 s); the card "holds" it for every second recorded. */
  clip: string
  clipSeconds: number
  /** Time zone of the camera's clock for the Dahua URL form. */
  zone?: string
}

interface Window {
  from: Date
  to: Date
}

/**
 * The simulated cameras' SD cards: an RTSP replay server on loopback answering the three
 * forms the recorder asks in: Hikvision (`/Streaming/tracks/<n>01?starttime=…&endtime=…`),
 * Dahua (`/cam/playback?channel=<n>&starttime=yyyy_mm_dd_hh_mm_ss…`, camera local time) and
 * ONVIF Profile G (`/onvif/replay/cam<n>` with the window in PLAY's `Range: clock=` header).
 * Media goes over the RTSP connection (interleaved TCP), as fast as the reader takes it:
 * for each PLAY an ffmpeg publishes the window of the looped clip to this server with stream
 * copy, and its frames are forwarded to the reader with TCP back-pressure. A card holds
 * footage from `recordingSince` on, except where `erase` removed it.
 */
export class SimulatedSdCards {
  #server?: Server
  #sdp = ''
  #sdpReady?: (sdp: string) => void
  #publishers = new Map<string, { reader: Socket; child?: ChildProcess; connected?: boolean }>()
  #sockets = new Set<Socket>()
  #erased = new Map<number, Window[]>()
  port = 0
  /** Every PLAY the cards answered: camera, the window served (null: nothing on the card). */
  plays: { camera: number; requested: Window; served: Window | null; headers: string[] }[] = []
  recordingSince = new Date(Date.now() - 24 * 3600_000)

  constructor(private options: CardOptions) {}

  async start() {
    this.#server = createServer((socket) => this.#connection(socket))
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server.address() as AddressInfo).port
    // The stream description every replay answers with, taken from ffmpeg's own ANNOUNCE.
    const sdp = new Promise<string>((resolve) => (this.#sdpReady = resolve))
    const priming = this.#publish('priming', 0, 0.5)
    this.#sdp = await sdp
    priming.kill('SIGKILL')
  }

  async stop() {
    for (const { child } of this.#publishers.values()) child?.kill('SIGKILL')
    this.#publishers.clear()
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve()
    )
  }

  /** The card of camera n lost [from, to) (it had no power then either). */
  erase(n: number, from: Date, to: Date) {
    this.#erased.set(n, [...(this.#erased.get(n) ?? []), { from, to }])
  }

  hikvisionUrl(n: number) {
    return `rtsp://127.0.0.1:${this.port}/Streaming/tracks/${n}01?starttime={start}&endtime={end}`
  }

  /** What camera n's card holds of [from, to): the first continuous part (a replay is one stream). */
  held(n: number, window: Window): Window | null {
    let from = Math.max(window.from.getTime(), this.recordingSince.getTime())
    let to = window.to.getTime()
    for (const e of (this.#erased.get(n) ?? []).sort((a, b) => +a.from - +b.from)) {
      if (e.to.getTime() <= from || e.from.getTime() >= to) continue
      if (e.from.getTime() <= from) from = e.to.getTime()
      else to = e.from.getTime()
    }
    return to - from >= 1000 ? { from: new Date(from), to: new Date(to) } : null
  }

  #connection(socket: Socket) {
    const reader = new RtspReader()
    let camera = 0
    let urlWindow: Window | null = null
    let session = ''
    let publishing = false
    this.#sockets.add(socket)
    socket.on('error', () => {})
    socket.on('data', (chunk) => {
      let items
      try {
        items = reader.push(chunk)
      } catch {
        return socket.destroy()
      }
      for (const item of items) {
        if (item.kind === 'frame') {
          // A publisher's media, forwarded to its reader with back-pressure.
          const target = this.#publishers.get(session)?.reader
          if (target && !target.write(item.raw) && !socket.isPaused()) {
            socket.pause()
            target.once('drain', () => socket.resume())
          }
          continue
        }
        const cseq = header(item, 'CSeq')
        const verb = method(item)
        const url = item.startLine.split(' ')[1] ?? ''
        if (verb === 'ANNOUNCE') {
          session = /\/publish\/([\w-]+)/.exec(url)?.[1] ?? ''
          publishing = true
          const publisher = this.#publishers.get(session)
          if (publisher) publisher.connected = true
          if (session === 'priming') this.#sdpReady?.(item.body.toString('utf8'))
          socket.write(response(200, 'OK', cseq))
        } else if (verb === 'SETUP' && /\/publish\//.test(url)) {
          socket.write(
            response(200, 'OK', cseq, [
              ['Transport', header(item, 'Transport') ?? 'RTP/AVP/TCP;unicast;interleaved=0-1'],
              ['Session', session],
            ])
          )
        } else if (verb === 'RECORD') {
          socket.write(response(200, 'OK', cseq, [['Session', session]]))
        } else if (verb === 'OPTIONS') {
          socket.write(
            response(200, 'OK', cseq, [
              ['Public', 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER'],
            ])
          )
        } else if (verb === 'DESCRIBE') {
          const parsed = this.#parseUrl(url)
          if (!parsed) {
            socket.write(response(404, 'Not Found', cseq))
            continue
          }
          camera = parsed.camera
          urlWindow = parsed.window
          socket.write(
            response(
              200,
              'OK',
              cseq,
              [
                ['Content-Base', url.endsWith('/') ? url : `${url}/`],
                ['Content-Type', 'application/sdp'],
              ],
              Buffer.from(this.#sdp)
            )
          )
        } else if (verb === 'SETUP') {
          if (!/TCP/i.test(header(item, 'Transport') ?? '')) {
            socket.write(response(461, 'Unsupported Transport', cseq))
            continue
          }
          session = session || randomBytes(6).toString('hex')
          socket.write(
            response(200, 'OK', cseq, [
              ['Transport', 'RTP/AVP/TCP;unicast;interleaved=0-1'],
              ['Session', `${session};timeout=60`],
            ])
          )
        } else if (verb === 'PLAY') {
          const clock = parseClockRange(header(item, 'Range'))
          const requested = clock?.to ? { from: clock.from, to: clock.to } : urlWindow
          if (!requested) {
            socket.write(response(457, 'Invalid Range', cseq))
            continue
          }
          const served = this.held(camera, requested)
          this.plays.push({
            camera,
            requested,
            served,
            headers: item.headers.map(([n, v]) => `${n}: ${v}`),
          })
          if (!served) {
            socket.write(response(404, 'Not Found', cseq))
            continue
          }
          socket.write(
            response(200, 'OK', cseq, [
              ['Session', session],
              ['Range', `clock=${compactUtc(served.from)}-${compactUtc(served.to)}`],
            ])
          )
          const offset = (served.from.getTime() / 1000) % this.options.clipSeconds
          const child = this.#publish(session, offset, (+served.to - +served.from) / 1000)
          this.#publishers.set(session, { reader: socket, child })
          // The reader is ended once the publisher's connection has been read to its end;
          // an ffmpeg that never connected ends it on exit.
          child.on('exit', () => {
            if (!this.#publishers.get(session)?.connected) socket.end()
          })
        } else if (verb === 'TEARDOWN') {
          this.#publishers.get(session)?.child?.kill('SIGKILL')
          socket.end(response(200, 'OK', cseq, [['Session', session]]))
        } else {
          socket.write(response(200, 'OK', cseq, [['Session', session]]))
        }
      }
    })
    socket.on('close', () => {
      this.#sockets.delete(socket)
      const publisher = this.#publishers.get(session)
      if (publishing) {
        publisher?.reader.end()
        return
      }
      if (publisher?.reader === socket) {
        publisher.child?.kill('SIGKILL')
        this.#publishers.delete(session)
      }
    })
  }

  /** Camera and window from a Hikvision, Dahua or Profile G replay URL. */
  #parseUrl(raw: string): { camera: number; window: Window | null } | null {
    let url: URL
    try {
      url = new URL(raw.replace(/^rtsp:/, 'http:'))
    } catch {
      return null
    }
    const hik = /^\/Streaming\/tracks\/(\d+)01\/?$/.exec(url.pathname)
    if (hik) {
      const from = parseCompactUtc(url.searchParams.get('starttime') ?? '')
      const to = parseCompactUtc(url.searchParams.get('endtime') ?? '')
      return from && to ? { camera: Number(hik[1]), window: { from, to } } : null
    }
    if (/^\/cam\/playback\/?$/.test(url.pathname)) {
      const zone = this.options.zone ?? 'Asia/Ho_Chi_Minh'
      const local = (s: string | null) => {
        const d = DateTime.fromFormat(s ?? '', 'yyyy_MM_dd_HH_mm_ss', { zone })
        return d.isValid ? d.toJSDate() : null
      }
      const from = local(url.searchParams.get('starttime'))
      const to = local(url.searchParams.get('endtime'))
      const channel = Number(url.searchParams.get('channel'))
      return from && to && channel ? { camera: channel, window: { from, to } } : null
    }
    const onvif = /^\/onvif\/replay\/cam(\d+)\/?$/.exec(url.pathname)
    if (onvif) return { camera: Number(onvif[1]), window: null }
    return null
  }

  /** ffmpeg publishing `seconds` of the looped clip from `offset` to this server over TCP. */
  #publish(token: string, offset: number, seconds: number): ChildProcess {
    return spawn(
      this.options.ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-ss',
        offset.toFixed(3),
        '-stream_loop',
        '-1',
        '-i',
        this.options.clip,
        '-t',
        seconds.toFixed(3),
        '-c',
        'copy',
        '-f',
        'rtsp',
        '-rtsp_transport',
        'tcp',
        `rtsp://127.0.0.1:${this.port}/publish/${token}`,
      ],
      { stdio: 'ignore' }
    )
  }
}
