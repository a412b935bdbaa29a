import type { IndexedSegment } from '#services/footage/segments'
import { GAP_TOLERANCE_MS } from '#services/footage/segments'

/**
 * An HLS VOD playlist (RFC 8216) of indexed segments: every segment carries its wall-clock
 * start (EXT-X-PROGRAM-DATE-TIME), and a gap between two segments is an
 * EXT-X-DISCONTINUITY, so the player never pretends footage is continuous where it is not.
 * A new recording run (a new ffmpeg, whose timestamps start again) is one too, even when
 * it follows within the tolerance. Segment URLs are by id (`segmentUrl`), never by path; a segment the viewer's browser
 * cannot decode points at its H.264 copy.
 */
export function buildPlaylist(
  segments: IndexedSegment[],
  segmentUrl: (segment: IndexedSegment) => string
) {
  const target = Math.max(1, ...segments.map((s) => Math.ceil(s.durationMs / 1000)))
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ]
  let previous: IndexedSegment | null = null
  for (const s of segments) {
    if (previous && discontinuous(previous, s)) lines.push('#EXT-X-DISCONTINUITY')
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${s.startedAt.toISOString()}`)
    lines.push(`#EXTINF:${(s.durationMs / 1000).toFixed(3)},`)
    lines.push(segmentUrl(s))
    previous = s
  }
  lines.push('#EXT-X-ENDLIST')
  return lines.join('\n') + '\n'
}

/** Whether `next` does not continue `previous`: a gap, or another (or unknown) run. */
export function discontinuous(previous: IndexedSegment, next: IndexedSegment) {
  if (next.startedAt.getTime() - previous.endedAt.getTime() > GAP_TOLERANCE_MS) return true
  return previous.runId === null || previous.runId !== next.runId
}
