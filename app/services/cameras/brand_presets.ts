/**
 * Stream addresses of the camera brands communes buy in Vietnam, so staff who are not
 * technicians get the main and sub stream URLs from the camera's address and channel
 * (issue 20). Credentials are never part of a URL here: the form keeps them in their own
 * (write-only) fields, and the recorder adds them for ffmpeg only.
 *
 * The paths are the makers' documented RTSP paths; `{host}` is the camera's address
 * (with `:port` when not 554) and `{channel}` its channel (1 for a single camera).
 */
export interface BrandPreset {
  key: string
  /** The brand names staff see on the box or in the app. */
  label: string
  main: string
  sub: string | null
  /** The user name these cameras ship with (the password is on the label or set in the app). */
  defaultUser: string | null
  /** The preset's note in the form's language file: `cameras.presets.notes.<key>`. */
  note: string
}

export const BRAND_PRESETS: BrandPreset[] = [
  {
    key: 'hikvision',
    label: 'Hikvision / HiLook',
    main: 'rtsp://{host}/Streaming/Channels/{channel}01',
    sub: 'rtsp://{host}/Streaming/Channels/{channel}02',
    defaultUser: 'admin',
    note: 'hikvision',
  },
  {
    key: 'dahua',
    label: 'Dahua / KBVision / Imou',
    main: 'rtsp://{host}/cam/realmonitor?channel={channel}&subtype=0',
    sub: 'rtsp://{host}/cam/realmonitor?channel={channel}&subtype=1',
    defaultUser: 'admin',
    note: 'dahua',
  },
  {
    key: 'ezviz',
    label: 'Ezviz',
    main: 'rtsp://{host}/h264/ch{channel}/main/av_stream',
    sub: 'rtsp://{host}/h264/ch{channel}/sub/av_stream',
    defaultUser: 'admin',
    note: 'ezviz',
  },
  {
    key: 'tplink',
    label: 'TP-Link Tapo / VIGI',
    main: 'rtsp://{host}/stream1',
    sub: 'rtsp://{host}/stream2',
    defaultUser: null,
    note: 'tplink',
  },
  {
    key: 'yoosee',
    label: 'Yoosee',
    main: 'rtsp://{host}/onvif1',
    sub: 'rtsp://{host}/onvif2',
    defaultUser: 'admin',
    note: 'yoosee',
  },
]

/** A host (IPv4, IPv6 in brackets, or a name) with an optional port, as typed in the form. */
export const CAMERA_HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i

/**
 * The main and sub stream URLs of `preset` for a camera at `host` (e.g. "192.168.1.64" or
 * "192.168.1.64:10554"), channel `channel`. Null when the host is not one.
 */
export function presetUrls(preset: BrandPreset, host: string, channel = 1) {
  const address = host.trim()
  if (!CAMERA_HOST.test(address) || !Number.isInteger(channel) || channel < 1 || channel > 64)
    return null
  const fill = (template: string) =>
    template.replace('{host}', address).replaceAll('{channel}', String(channel))
  return { main: fill(preset.main), sub: preset.sub ? fill(preset.sub) : null }
}
