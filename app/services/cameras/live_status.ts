import { DateTime } from 'luxon'
import type Camera from '#models/camera'
import { RECORDING_FRESH_SECONDS } from '#recorder/contract'

export const LIVE_STATUSES = ['recording', 'offline', 'faulty', 'not_recording'] as const
export type LiveStatus = (typeof LIVE_STATUSES)[number]

/** How recent the recorder's last segment must be for a camera to count as recording. */
export { RECORDING_FRESH_SECONDS }

/**
 * One word for a pin on the site plan: faulty (reported or under repair), not recording
 * (planned, retired or recording switched off), recording (the recorder wrote a segment
 * in the last 90 s) or offline.
 */
export function liveStatus(camera: Camera, now = DateTime.now()): LiveStatus {
  if (camera.status === 'faulty' || camera.status === 'under_repair') return 'faulty'
  if (camera.status !== 'active' || !camera.recordingEnabled) return 'not_recording'
  if (
    camera.lastRecordedAt &&
    now.diff(camera.lastRecordedAt, 'seconds').seconds <= RECORDING_FRESH_SECONDS
  ) {
    return 'recording'
  }
  return 'offline'
}
