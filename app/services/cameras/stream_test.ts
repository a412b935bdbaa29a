import { spawn } from 'node:child_process'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { maskCredentials, withCredentials } from '#services/cameras/rtsp'
import { codecName, parseStreamInfo, type StreamInfo } from '#recorder/stream_info'
import { rtspInputOptions } from '#recorder/contract'

export interface StreamFound extends StreamInfo {
  ok: true
}

/** Why a stream could not be opened, in words the form turns into a sentence. */
export type StreamFailure =
  'wrong_password' | 'not_found' | 'refused' | 'unreachable' | 'not_rtsp' | 'no_video' | 'failed'

export interface StreamFailed {
  ok: false
  reason: StreamFailure
  /** ffmpeg's last words, credentials masked (for a technician). */
  detail: string
}

/**
 * "Thử kết nối" on the camera form: opens the stream once with the recorder's ffmpeg, reads
 * what the camera sends for a moment, and says what it found or why it failed. Nothing is
 * recorded or kept.
 */
export async function testStream(params: {
  url: string
  username: string | null
  password: string | null
  transport: 'tcp' | 'udp'
  timeoutMs?: number
}): Promise<StreamFound | StreamFailed> {
  const bin = await detectFfmpeg()
  const timeout = params.timeoutMs ?? 10_000
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'info',
    // Half the test's time for the socket: a silent camera is reported, not waited for.
    ...rtspInputOptions(bin, params.transport, timeout / 2),
    '-i',
    withCredentials(params.url, params.username, params.password),
    '-t',
    '1',
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'null',
    '-',
  ]
  const stderr = await new Promise<string>((resolve) => {
    const child = spawn(bin.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let text = ''
    child.stderr.on('data', (chunk: Buffer) => {
      if (text.length < 64_000) text += chunk.toString('utf8')
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout)
    child.on('close', () => {
      clearTimeout(timer)
      resolve(text)
    })
    child.on('error', () => {
      clearTimeout(timer)
      resolve(text)
    })
  })
  return readStreamTest(stderr)
}

/** What ffmpeg printed, read as a finding or a failure (exported for unit tests). */
export function readStreamTest(stderr: string): StreamFound | StreamFailed {
  const info = parseStreamInfo(stderr)
  if (info) return { ok: true, ...info }
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const detail = maskCredentials(lines.slice(-3).join(' · ')).slice(0, 500)
  const has = (pattern: RegExp) => pattern.test(stderr)
  let reason: StreamFailure = 'failed'
  if (has(/401 Unauthorized|403 Forbidden/i)) reason = 'wrong_password'
  else if (has(/404 Not Found|454 Session Not Found/i)) reason = 'not_found'
  else if (has(/Connection refused/i)) reason = 'refused'
  else if (has(/timed out|No route to host|Network is unreachable|Immediate exit requested/i))
    reason = 'unreachable'
  else if (has(/Invalid data found|Protocol not found|method DESCRIBE failed/i)) reason = 'not_rtsp'
  else if (has(/Input #0/)) reason = 'no_video'
  else if (!stderr.trim()) reason = 'unreachable'
  return { ok: false, reason, detail }
}

/** The result in one or two plain sentences, in the viewer's language. */
export function describeStream(
  result: StreamFound | StreamFailed,
  i18n: { t: (key: string, values?: Record<string, unknown>) => string }
) {
  if (!result.ok) return i18n.t(`cameras.stream_test.failures.${result.reason}`)
  const found = i18n.t('cameras.stream_test.found', {
    codec: codecName(result.videoCodec) + (result.profile ? ` (${result.profile})` : ''),
    size: result.width ? `${result.width}×${result.height}` : '?',
    fps: result.fps ?? '?',
    audio: result.audioCodec
      ? i18n.t('cameras.stream_test.audio', { codec: codecName(result.audioCodec) })
      : i18n.t('cameras.stream_test.no_audio'),
  })
  return result.videoCodec === 'hevc' ? `${found} ${i18n.t('cameras.stream_test.hevc')}` : found
}
