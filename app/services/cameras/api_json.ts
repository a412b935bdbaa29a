import type Camera from '#models/camera'
import type Household from '#models/household'
import type Location from '#models/location'
import { liveStatus } from '#services/cameras/live_status'
import { maskCredentials } from '#services/cameras/rtsp'

export function locationJson(l: Location) {
  return { id: l.id, parent_id: l.parentId, kind: l.kind, name: l.name }
}

export function householdJson(h: Household) {
  return {
    id: h.id,
    head_name: h.headName,
    address: h.address,
    phone: h.phone,
    is_public_place: h.isPublicPlace,
    consent_signed_on: h.consentSignedOn,
    has_consent_scan: !!h.consentScanSha256,
    provides_power: h.providesPower,
    provides_wifi: h.providesWifi,
    monthly_support: h.monthlySupport,
    note: h.note,
  }
}

/** A camera for the API: credentials are write-only (only whether they are set). */
export function cameraJson(c: Camera) {
  const mask = (url: string | null) => (url ? maskCredentials(url) : null)
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    location_id: c.locationId,
    household_id: c.householdId,
    address_description: c.addressDescription,
    latitude: c.latitude,
    longitude: c.longitude,
    model: c.model,
    serial: c.serial,
    supplier: c.supplier,
    installed_on: c.installedOn,
    cost: c.cost,
    warranty_until: c.warrantyUntil,
    status: c.status,
    owner_kind: c.ownerKind,
    owner_name: c.ownerName,
    fund_id: c.fundId,
    live_status: liveStatus(c),
    main_stream_url: mask(c.mainStreamUrl),
    sub_stream_url: mask(c.subStreamUrl),
    rtsp_transport: c.rtspTransport,
    has_credentials: c.hasCredentials,
    onvif_host: c.onvifHost,
    onvif_port: c.onvifPort,
    recording_enabled: c.recordingEnabled,
    retention_days: c.retentionDays,
    quota_gb: c.quotaGb,
    pinned_node: c.pinnedNode,
    edge_storage: c.edgeStorage,
    edge_replay_template: c.edgeReplayTemplate,
    plan: c.planX === null ? null : { x: c.planX, y: c.planY },
    last_recorded_at: c.lastRecordedAt?.toISO() ?? null,
  }
}
