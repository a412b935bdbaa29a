import { connect } from 'node:net'

/**
 * Does the camera answer at `url` right now? One RTSP DESCRIBE over TCP, no credentials:
 * 200 (stream there) or 401 (camera up, wants its password) count as back; 404, a refused
 * or silent connection do not. Costs one short TCP exchange, so a worker waiting out its
 * backoff can ask every second and restart ffmpeg as soon as the camera returns.
 */
export function rtspAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return Promise.resolve(false)
  }
  target.username = ''
  target.password = ''
  const port = Number(target.port || 554)
  return new Promise((resolve) => {
    let answer = ''
    const socket = connect({ host: target.hostname, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.on('error', () => done(false))
    socket.on('connect', () => {
      socket.write(
        `DESCRIBE ${target.toString()} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n` +
          'User-Agent: camera-an-ninh-recorder\r\n\r\n'
      )
    })
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
      const line = answer.split('\r\n')[0]
      if (!answer.includes('\r\n')) return
      const status = Number(/^RTSP\/\d\.\d (\d{3})/.exec(line)?.[1] ?? 0)
      done(status === 200 || status === 401)
    })
  })
}
