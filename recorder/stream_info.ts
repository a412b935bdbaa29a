/**
 * What ffmpeg says about an input's streams (`Stream #0:0: Video: hevc (Main), yuv420p,
 * 1920x1080, 15 fps …`, `Stream #0:1: Audio: pcm_alaw, 8000 Hz …`), read in one place for
 * the segment probe, the recording run and the camera form's connection test.
 */
export interface StreamInfo {
  /** ffmpeg's names: 'h264', 'hevc'… */
  videoCodec: string | null
  /** e.g. 'Main', 'High', 'Constrained Baseline'. */
  profile: string | null
  width: number | null
  height: number | null
  fps: number | null
  /** e.g. 'pcm_alaw' (G.711 A-law), 'aac'; null: no audio. */
  audioCodec: string | null
  /**
   * A data stream beside the video: in a recorded MPEG-TS segment, audio the container could
   * not carry (G.711 copied into MPEG-TS is written as private data, which no player reads).
   */
  dataStream?: boolean
}

/** The first video stream (and first audio stream) ffmpeg listed; null without video. */
export function parseStreamInfo(stderr: string): StreamInfo | null {
  const video = stderr.match(/Stream #\d+:\d+.*?: Video: ([^\n]+)/)
  if (!video) return null
  const line = video[1]
  const size = line.match(/, (\d{2,5})x(\d{2,5})/)
  const fps = line.match(/, ([\d.]+) fps/) ?? line.match(/, ([\d.]+) tbr/)
  return {
    videoCodec: line.match(/^([a-z0-9_]+)/)?.[1] ?? null,
    profile: line.match(/^[a-z0-9_]+ \(([^)]+)\)/)?.[1] ?? null,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    fps: fps ? Math.round(Number(fps[1]) * 100) / 100 : null,
    audioCodec: stderr.match(/Stream #\d+:\d+.*?: Audio: ([a-z0-9_]+)/)?.[1] ?? null,
    dataStream: /Stream #\d+:\d+.*?: Data: /.test(stderr),
  }
}

/** Audio MPEG-TS carries as audio (anything else, G.711 first, becomes a data stream). */
const MPEGTS_AUDIO = new Set(['aac', 'mp2', 'mp3', 'ac3', 'eac3', 'opus'])

/**
 * What a recording ffmpeg says it writes, from the header it prints at `-loglevel info`
 * (`Output #0, segment …` up to `Stream mapping:`): the same facts a probe of its first
 * segment would give, without one more process per run. Null when the header is not all
 * there or the audio is one MPEG-TS cannot carry: the first segment is then probed, which
 * is how such audio is found (see CameraWorker).
 */
export function announcedOutput(header: string): StreamInfo | null {
  const at = header.indexOf('Output #0')
  if (at < 0 || !header.includes('Stream mapping:')) return null
  const info = parseStreamInfo(header.slice(at, header.indexOf('Stream mapping:')))
  if (!info?.width || (info.audioCodec && !MPEGTS_AUDIO.has(info.audioCodec))) return null
  return { ...info, dataStream: false }
}

/** A frame rate as ffprobe writes it ("15/1", "30000/1001") in frames per second. */
export function frameRate(value: string | undefined): number | null {
  const [num, den] = String(value ?? '')
    .split('/')
    .map(Number)
  if (!num || !den) return null
  return Math.round((num / den) * 100) / 100
}

const CODEC_NAMES: Record<string, string> = {
  h264: 'H.264',
  hevc: 'H.265',
  mjpeg: 'MJPEG',
  pcm_alaw: 'G.711 A-law',
  pcm_mulaw: 'G.711 µ-law',
  aac: 'AAC',
  adpcm_g726: 'G.726',
}

/** A codec as people know it from the camera's box ("H.265", "G.711 A-law"). */
export function codecName(codec: string | null) {
  return codec ? (CODEC_NAMES[codec] ?? codec.toUpperCase()) : '?'
}
