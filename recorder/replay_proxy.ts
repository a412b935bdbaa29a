import { connect, createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import {
  RtspReader,
  compactUtc,
  header,
  method,
  parseClockRange,
  serialize,
  setHeader,
  statusOf,
} from '#recorder/rtsp_wire'

export interface ReplayProxyOptions {
  /** The camera's RTSP server. */
  host: string
  port: number
  /** Bytes per second from the camera (0: no limit). */
  bytesPerSecond: number
  /**
   * ONVIF Profile G: the window goes in PLAY as `Range: clock=A-B` with
   * `Require: onvif-replay` (ffmpeg cannot send either), and `Rate-Control: no` so the
   * camera sends as fast as the link (and this proxy's limit) allows.
   */
  clockRange?: { from: Date; to: Date }
}

/**
 * A one-connection loopback proxy between the recovery ffmpeg and a camera's RTSP replay
 * (RTP interleaved over TCP, so all media crosses it): it caps the rate the footage is
 * pulled at (reading from the camera only as fast as the budget allows, so TCP
 * back-pressure slows the camera and the live stream keeps its share of a weak link), adds
 * Profile G's replay headers, and reads the camera's answers: the status of DESCRIBE/PLAY
 * (404: nothing on the card) and the window the camera says it is playing.
 */
export class ReplayProxy {
  #server?: Server
  #sockets = new Set<Socket>()
  port = 0
  bytes = 0
  /** The first failing status the camera answered DESCRIBE or PLAY with. */
  refusedWith: number | null = null
  /** `Range: clock=` of the camera's PLAY answer: where the footage it sends starts. */
  playingFrom: Date | null = null
  connectError: string | null = null

  constructor(private options: ReplayProxyOptions) {}

  async start() {
    this.#server = createServer((client) => this.#pipe(client))
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server.address() as AddressInfo).port
  }

  async stop() {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve()
    )
  }

  #pipe(client: Socket) {
    const upstream = connect(this.options.port, this.options.host)
    this.#sockets.add(client).add(upstream)
    const pending: string[] = []
    const fromClient = new RtspReader()
    const fromCamera = new RtspReader()
    const bucket = new TokenBucket(this.options.bytesPerSecond)
    client.on('error', () => upstream.destroy())
    upstream.on('error', (error) => {
      this.connectError ??= error.message
      client.destroy()
    })
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.end())

    client.on('data', (chunk) => {
      let items
      try {
        items = fromClient.push(chunk)
      } catch {
        return client.destroy()
      }
      for (const item of items) {
        if (item.kind === 'frame') {
          upstream.write(item.raw)
          continue
        }
        pending.push(method(item))
        if (method(item) === 'PLAY' && this.options.clockRange) {
          const { from, to } = this.options.clockRange
          setHeader(item, 'Range', `clock=${compactUtc(from)}-${compactUtc(to)}`)
          setHeader(item, 'Require', 'onvif-replay')
          setHeader(item, 'Rate-Control', 'no')
        }
        upstream.write(serialize(item))
      }
    })

    upstream.on('data', (chunk) => {
      this.bytes += chunk.length
      let items
      try {
        items = fromCamera.push(chunk)
      } catch {
        return upstream.destroy()
      }
      for (const item of items) {
        if (item.kind === 'message') {
          const asked = pending.shift()
          const status = statusOf(item)
          if (status !== null && status >= 400 && (asked === 'DESCRIBE' || asked === 'PLAY')) {
            this.refusedWith ??= status
          }
          if (asked === 'PLAY' && status === 200) {
            this.playingFrom = parseClockRange(header(item, 'Range'))?.from ?? null
          }
          client.write(serialize(item))
        } else {
          client.write(item.raw)
        }
      }
      const wait = bucket.take(chunk.length)
      if (wait > 0) {
        upstream.pause()
        setTimeout(() => upstream.resume(), wait)
      }
    })
  }
}

/** Bytes per second with a one-second burst; `take` says how long to wait (ms) after. */
class TokenBucket {
  #tokens: number
  #at = Date.now()

  constructor(private rate: number) {
    this.#tokens = rate
  }

  take(n: number): number {
    if (this.rate <= 0) return 0
    const now = Date.now()
    this.#tokens = Math.min(this.rate, this.#tokens + ((now - this.#at) / 1000) * this.rate)
    this.#at = now
    this.#tokens -= n
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.rate) * 1000)
  }
}
