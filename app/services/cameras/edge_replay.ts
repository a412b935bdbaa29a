import { DateTime } from 'luxon'
import Camera from '#models/camera'
import { DISPLAY_ZONE } from '#services/dates'
import { withCredentials } from '#services/cameras/rtsp'
import { compactUtc } from '#recorder/rtsp_wire'
import { onvifReplayUri } from '#recorder/onvif'
import type { ReplaySource } from '#recorder/edge_recovery'
import env from '#start/env'
import { readSetting } from '#services/settings/app_settings'

export const EDGE_SETTINGS_KEY = 'edge_recovery'

export interface EdgeRecoverySettings {
  /** Rate footage is pulled from a camera's card at, kbit/s (0: no limit). */
  kbps: number
}

/**
 * 3 Mbit/s by default: a 2 Mbit/s main stream comes back a little faster than real time,
 * and a household Wi-Fi link of 5–10 Mbit/s keeps room for the live stream.
 */
export function defaultEdgeSettings(): EdgeRecoverySettings {
  return { kbps: env.get('EDGE_RECOVERY_KBPS') ?? 3000 }
}

export function edgeRecoverySettings(): Promise<EdgeRecoverySettings> {
  return readSetting(EDGE_SETTINGS_KEY, defaultEdgeSettings())
}

export const EDGE_STORAGE_KINDS = ['none', 'onvif', 'hikvision', 'dahua', 'template'] as const
export type EdgeStorage = (typeof EDGE_STORAGE_KINDS)[number]

/**
 * The replay URL forms of the common cameras, `{host}` being the host (and port) of the
 * camera's main stream. Hikvision takes UTC times (`20261128T100000Z`); Dahua takes the
 * camera's local time (`2026_11_28_17_00_00`).
 */
export const EDGE_PRESETS: Record<'hikvision' | 'dahua', string> = {
  hikvision: 'rtsp://{host}/Streaming/tracks/101?starttime={start}&endtime={end}',
  dahua:
    'rtsp://{host}/cam/playback?channel=1&subtype=0&starttime={start_local}&endtime={end_local}',
}

/** A template names the window with {start} and {end} (or their _local forms). */
export function templateIsValid(template: string) {
  return (
    /^rtsp:\/\/[^\s]+$/i.test(template) &&
    /\{start(_local)?\}/.test(template) &&
    /\{end(_local)?\}/.test(template)
  )
}

/** Fills a replay template for [from, to) in the camera's clock. */
export function fillTemplate(template: string, host: string, from: Date, to: Date) {
  const local = (d: Date) =>
    DateTime.fromJSDate(d).setZone(DISPLAY_ZONE).toFormat('yyyy_MM_dd_HH_mm_ss')
  return template
    .replaceAll('{host}', host)
    .replaceAll('{start}', compactUtc(from))
    .replaceAll('{end}', compactUtc(to))
    .replaceAll('{start_local}', local(from))
    .replaceAll('{end_local}', local(to))
}

/**
 * How the recorder asks a camera for [from, to) of its SD card, by the camera's setting:
 * a vendor URL (preset or template) with the window in it, or ONVIF Profile G's replay URI
 * with the window in the PLAY request. Times are shifted into the camera's clock by the
 * offset last measured over ONVIF, and widened to whole seconds (the forms have no
 * fractions); the credentials are put into the URL for ffmpeg only.
 */
export async function replaySourceFor(
  cameraId: number,
  window: { from: Date; to: Date }
): Promise<{ code: string; source: ReplaySource | null }> {
  const camera = await Camera.findOrFail(cameraId)
  const kind = camera.edgeStorage
  if (kind === 'none') return { code: camera.code, source: null }
  const offsetMs = (camera.clockOffsetSeconds ?? 0) * 1000
  const from = new Date(Math.floor((window.from.getTime() + offsetMs) / 1000) * 1000)
  const to = new Date(Math.ceil((window.to.getTime() + offsetMs) / 1000) * 1000)
  const { username, password } = camera.credentials()
  if (kind === 'onvif') {
    if (!camera.onvifHost) return { code: camera.code, source: null }
    const uri = await onvifReplayUri({
      host: camera.onvifHost,
      port: camera.onvifPort ?? 80,
      username,
      password,
    })
    return {
      code: camera.code,
      source: {
        url: withCredentials(uri, username, password),
        clockRange: { from, to },
        clockOffsetMs: offsetMs,
      },
    }
  }
  const template = kind === 'template' ? camera.edgeReplayTemplate : EDGE_PRESETS[kind]
  if (!template || !camera.mainStreamUrl) return { code: camera.code, source: null }
  const host = new URL(camera.mainStreamUrl.replace(/^rtsp:/i, 'http:')).host
  return {
    code: camera.code,
    source: {
      url: withCredentials(fillTemplate(template, host, from, to), username, password),
      clockOffsetMs: offsetMs,
    },
  }
}
