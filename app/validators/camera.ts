import { rowId } from '#validators/ids'
import vine from '@vinejs/vine'
import { BRAND_PRESETS, CAMERA_HOST } from '#services/cameras/brand_presets'
import type { Infer } from '@vinejs/vine/types'
import { CAMERA_OWNER_KINDS, CAMERA_STATUSES } from '#models/camera'
import { LOCATION_KINDS } from '#models/location'
import { amount, amountOrZero, day } from '#validators/donation'
import { EDGE_STORAGE_KINDS } from '#services/cameras/edge_replay'

const text = (max: number) => vine.string().trim().maxLength(max).optional()
const streamUrl = () =>
  vine
    .string()
    .trim()
    .maxLength(500)
    .regex(/^rtsps?:\/\/[^\s]+$/i)
    .optional()

export const cameraValidator = vine.compile(
  vine.object({
    code: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/)
      .optional(),
    name: vine.string().trim().minLength(2).maxLength(200),
    location_id: rowId('locations'),
    household_id: rowId('households').optional(),
    address_description: text(300),
    latitude: vine.number().min(-90).max(90).optional(),
    longitude: vine.number().min(-180).max(180).optional(),
    model: text(120),
    serial: text(120),
    supplier: text(200),
    installed_on: day().optional(),
    cost: amount().optional(),
    warranty_until: day().optional(),
    status: vine.enum(CAMERA_STATUSES),
    owner_kind: vine.enum(CAMERA_OWNER_KINDS).optional(),
    owner_name: text(200).requiredWhen('owner_kind', 'in', ['village', 'household', 'business']),
    main_stream_url: streamUrl(),
    sub_stream_url: streamUrl(),
    rtsp_transport: vine.enum(['tcp', 'udp'] as const).optional(),
    username: text(120),
    password: vine.string().maxLength(200).optional(),
    clear_credentials: vine.boolean().optional(),
    onvif_host: vine
      .string()
      .trim()
      .maxLength(200)
      .regex(/^[A-Za-z0-9.-]+$/)
      .optional(),
    onvif_port: vine.number().withoutDecimals().min(1).max(65535).optional(),
    recording_enabled: vine.boolean().optional(),
    retention_days: vine.number().withoutDecimals().min(1).max(3650).optional(),
    quota_gb: vine.number().min(0.1).max(100000).optional(),
    pinned_node: vine
      .string()
      .trim()
      .maxLength(120)
      .regex(/^[A-Za-z0-9_.-]+$/)
      .optional(),
    edge_storage: vine.enum(EDGE_STORAGE_KINDS).optional(),
    edge_replay_template: vine
      .string()
      .trim()
      .maxLength(500)
      .regex(/^rtsp:\/\/\S*\{start(_local)?\}\S*\{end(_local)?\}\S*$/i)
      .optional()
      .requiredWhen('edge_storage', '=', 'template'),
  })
)
export type CameraPayload = Infer<typeof cameraValidator>

export function toCameraFields(p: CameraPayload) {
  return {
    code: p.code,
    name: p.name,
    locationId: p.location_id,
    householdId: p.household_id ?? null,
    addressDescription: p.address_description,
    latitude: p.latitude ?? null,
    longitude: p.longitude ?? null,
    model: p.model,
    serial: p.serial,
    supplier: p.supplier,
    installedOn: p.installed_on ?? null,
    cost: p.cost ?? null,
    warrantyUntil: p.warranty_until ?? null,
    status: p.status,
    ownerKind: p.owner_kind,
    ownerName: p.owner_name ?? null,
    mainStreamUrl: p.main_stream_url,
    subStreamUrl: p.sub_stream_url,
    rtspTransport: p.rtsp_transport,
    username: p.username,
    password: p.password,
    clearCredentials: p.clear_credentials,
    onvifHost: p.onvif_host,
    onvifPort: p.onvif_port ?? null,
    recordingEnabled: p.recording_enabled ?? true,
    retentionDays: p.retention_days ?? 30,
    quotaGb: p.quota_gb ?? null,
    pinnedNode: p.pinned_node ?? null,
    edgeStorage: p.edge_storage ?? 'none',
    edgeReplayTemplate: p.edge_replay_template ?? null,
  }
}

export const householdValidator = vine.compile(
  vine.object({
    head_name: vine.string().trim().minLength(2).maxLength(200),
    address: text(300),
    phone: vine
      .string()
      .trim()
      .maxLength(30)
      .regex(/^[+\d][\d .\-()]{5,}$/)
      .optional(),
    is_public_place: vine.boolean().optional(),
    consent_signed_on: day().optional(),
    provides_power: vine.boolean().optional(),
    provides_wifi: vine.boolean().optional(),
    monthly_support: amountOrZero().optional(),
    note: text(2000),
  })
)
export type HouseholdPayload = Infer<typeof householdValidator>

export function toHouseholdFields(p: HouseholdPayload) {
  return {
    headName: p.head_name,
    address: p.address,
    phone: p.phone,
    isPublicPlace: p.is_public_place ?? false,
    consentSignedOn: p.consent_signed_on ?? null,
    providesPower: p.provides_power ?? false,
    providesWifi: p.provides_wifi ?? false,
    monthlySupport: p.monthly_support ?? 0,
    note: p.note,
  }
}

export const locationValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(200),
    kind: vine.enum(LOCATION_KINDS),
    parent_id: rowId('locations').optional(),
  })
)

export const placementValidator = vine.compile(
  vine.object({
    camera_id: rowId('cameras'),
    x: vine.number().min(0).max(1),
    y: vine.number().min(0).max(1),
  })
)

export const faultReportValidator = vine.compile(
  vine.object({
    description: vine.string().trim().minLength(10).maxLength(1000),
    phone: vine
      .string()
      .trim()
      .maxLength(30)
      .regex(/^[+\d][\d .\-()]{5,}$/)
      .optional(),
  })
)

export const cameraFilterValidator = vine.compile(
  vine.object({
    status: vine.enum(CAMERA_STATUSES).optional(),
    location_id: vine.number().withoutDecimals().positive().optional(),
    q: vine.string().trim().maxLength(120).optional(),
  })
)

export const onvifProbeValidator = vine.compile(
  vine.object({
    host: vine
      .string()
      .trim()
      .maxLength(200)
      .regex(/^[A-Za-z0-9.-]+$/),
    port: vine.number().withoutDecimals().min(1).max(65535).optional(),
    username: vine.string().trim().maxLength(120).optional(),
    password: vine.string().maxLength(200).optional(),
    camera_id: rowId('cameras').optional(),
  })
)

/** The camera form's brand preset: a brand, the camera's address and its channel. */
export const streamPresetValidator = vine.compile(
  vine.object({
    brand: vine.enum(BRAND_PRESETS.map((p) => p.key)),
    host: vine.string().trim().maxLength(200).regex(CAMERA_HOST),
    channel: vine.number().withoutDecimals().min(1).max(64).optional(),
  })
)

/** "Thử kết nối": a stream URL typed in the form (credentials in their own fields). */
export const streamTestValidator = vine.compile(
  vine.object({
    url: vine
      .string()
      .trim()
      .maxLength(500)
      .regex(/^rtsps?:\/\//i),
    username: vine.string().trim().maxLength(120).optional(),
    password: vine.string().maxLength(200).optional(),
    rtsp_transport: vine.enum(['tcp', 'udp'] as const).optional(),
    camera_id: rowId('cameras').optional(),
  })
)
