import type { EdgeStorage } from '#services/cameras/edge_replay'
import db from '@adonisjs/lucid/services/db'
import { withTransaction } from '#services/transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Camera, { type CameraOwnerKind, type CameraStatus } from '#models/camera'
import Household from '#models/household'
import { recordAudit, type AuditActor } from '#services/audit'
import { splitCredentials, splitTemplateCredentials } from '#services/cameras/rtsp'

/**
 * Refused: a camera goes live only on a household that signed consent (or a public place),
 * and one the programme does not own only under a connection agreement. `messageKey` is
 * the sentence the user reads.
 */
export class CameraConsentError extends Error {
  code = 'E_CAMERA_CONSENT'
  status = 422
  constructor(
    message: string,
    public messageKey = 'cameras.consent_required'
  ) {
    super(message)
  }
}

export interface CameraFields {
  code?: string | null
  name: string
  locationId: number
  householdId?: number | null
  addressDescription?: string | null
  latitude?: number | null
  longitude?: number | null
  model?: string | null
  serial?: string | null
  supplier?: string | null
  installedOn?: string | null
  cost?: number | null
  costExpenseId?: number | null
  warrantyUntil?: string | null
  status: CameraStatus
  /** Absent keeps the camera's owner (a sheet without the column changes nothing). */
  ownerKind?: CameraOwnerKind
  ownerName?: string | null
  mainStreamUrl?: string | null
  subStreamUrl?: string | null
  rtspTransport?: 'tcp' | 'udp'
  /** Write-only: a new value replaces the stored one; empty keeps it. */
  username?: string | null
  password?: string | null
  clearCredentials?: boolean
  onvifHost?: string | null
  onvifPort?: number | null
  recordingEnabled?: boolean
  retentionDays?: number
  quotaGb?: number | null
  pinnedNode?: string | null
  edgeStorage?: EdgeStorage
  edgeReplayTemplate?: string | null
}

/** The next free code: CAM-001, CAM-002, ... */
export async function nextCameraCode(trx: TransactionClientContract) {
  const rows = await trx.from('cameras').where('code', '~', '^CAM-[0-9]+$').select('code')
  const max = rows.reduce((m, r) => Math.max(m, Number(r.code.slice(4))), 0)
  return `CAM-${String(max + 1).padStart(3, '0')}`
}

/** Where a camera's credentials would be sent: the hosts and ports of its streams and ONVIF. */
export function credentialTargets(c: {
  mainStreamUrl: string | null
  subStreamUrl: string | null
  onvifHost: string | null
  onvifPort: number | null
}) {
  const endpoint = (url: string | null) => {
    if (!url) return null
    try {
      const u = new URL(url)
      return `${u.hostname.toLowerCase()}:${u.port || '554'}`
    } catch {
      return url
    }
  }
  return [
    endpoint(c.mainStreamUrl),
    endpoint(c.subStreamUrl),
    c.onvifHost ? `${c.onvifHost.toLowerCase()}:${c.onvifPort ?? 80}` : null,
  ]
}

/**
 * Whether the credentials would now go to a machine they did not go to before: a host
 * that none of the camera's addresses had (a removed address sends nothing; another port
 * or path on the same camera, e.g. the stream its ONVIF service reports, is the same one).
 */
function targetsMoved(before: (string | null)[], after: (string | null)[]) {
  const host = (target: string) => target.replace(/:\d+$/, '')
  const known = new Set(before.filter((t): t is string => t !== null).map(host))
  return after.some((target) => target !== null && !known.has(host(target)))
}

/**
 * Whether a camera's stored credentials may be sent to `url` (the form's "Thử kết nối"):
 * only to a host they already go to, never to one just typed in.
 */
export function storedCredentialsMayGoTo(
  camera: Parameters<typeof credentialTargets>[0],
  url: string
) {
  const [target] = credentialTargets({
    mainStreamUrl: url,
    subStreamUrl: null,
    onvifHost: null,
    onvifPort: null,
  })
  return !targetsMoved(credentialTargets(camera), [target])
}

async function applyFields(camera: Camera, fields: CameraFields, trx: TransactionClientContract) {
  const clean = (v?: string | null) => v?.trim() || null
  const targetsBefore = camera.$isPersisted ? credentialTargets(camera) : null
  // A URL typed with user:password@ loses them here; they go to the encrypted columns.
  const main = fields.mainStreamUrl ? splitCredentials(fields.mainStreamUrl.trim()) : null
  const sub = fields.subStreamUrl ? splitCredentials(fields.subStreamUrl.trim()) : null
  const replay = clean(fields.edgeReplayTemplate)
    ? splitTemplateCredentials(clean(fields.edgeReplayTemplate)!)
    : null
  camera.merge({
    name: fields.name.trim(),
    locationId: fields.locationId,
    householdId: fields.householdId ?? null,
    addressDescription: clean(fields.addressDescription),
    latitude: fields.latitude ?? null,
    longitude: fields.longitude ?? null,
    model: clean(fields.model),
    serial: clean(fields.serial),
    supplier: clean(fields.supplier),
    installedOn: fields.installedOn ?? null,
    cost: fields.cost ?? null,
    costExpenseId: fields.costExpenseId ?? null,
    warrantyUntil: fields.warrantyUntil ?? null,
    status: fields.status,
    ownerKind: fields.ownerKind ?? camera.ownerKind ?? 'programme',
    ownerName:
      fields.ownerKind === undefined ? (camera.ownerName ?? null) : clean(fields.ownerName),
    mainStreamUrl: main?.url ?? null,
    subStreamUrl: sub?.url ?? null,
    rtspTransport: fields.rtspTransport ?? 'tcp',
    onvifHost: clean(fields.onvifHost),
    onvifPort: fields.onvifPort ?? null,
    recordingEnabled: fields.recordingEnabled ?? true,
    retentionDays: fields.retentionDays ?? 30,
    quotaGb: fields.quotaGb ?? null,
    pinnedNode: clean(fields.pinnedNode),
    edgeStorage: fields.edgeStorage ?? 'none',
    edgeReplayTemplate: replay?.template ?? null,
  })
  const username = clean(fields.username) ?? main?.username ?? replay?.username ?? null
  const password = fields.password || main?.password || replay?.password || null
  // Stored credentials go only where they were given for: a stream or ONVIF address that
  // changes without a new password drops them (the form asks for them again), so nobody
  // can point a camera at their own host and have the recorder send its password there.
  const moved = targetsBefore !== null && targetsMoved(targetsBefore, credentialTargets(camera))
  if (fields.clearCredentials || (moved && !password)) camera.setCredentials(null, null)
  else if (moved) camera.setCredentials(username, password)
  else if (username || password) {
    const current = camera.$isPersisted ? camera.credentials() : { username: null, password: null }
    camera.setCredentials(username ?? current.username, password ?? current.password)
  }
  if (camera.status === 'active') {
    const household = camera.householdId
      ? await Household.query({ client: trx }).where('id', camera.householdId).first()
      : null
    if (!household?.allowsActiveCameras) throw new CameraConsentError('consent required')
    const agreed =
      camera.ownerKind === 'programme' ||
      (camera.$isPersisted &&
        (await trx.from('camera_agreements').where('camera_id', camera.id).first()))
    if (!agreed) {
      throw new CameraConsentError('agreement required', 'cameras.agreement_required')
    }
  }
}

export async function createCamera(
  params: { actor: AuditActor; fields: CameraFields },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const camera = new Camera()
    camera.code = params.fields.code?.trim().toUpperCase() || (await nextCameraCode(trx))
    await applyFields(camera, params.fields, trx)
    camera.useTransaction(trx)
    await camera.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'camera.create',
        entityType: 'camera',
        entityId: camera.id,
        after: camera.toAuditJSON(),
      },
      trx
    )
    return camera
  }
  return withTransaction(outer, work)
}

export async function updateCamera(
  params: { actor: AuditActor; cameraId: number; fields: CameraFields },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const camera = await Camera.query({ client: trx })
      .where('id', params.cameraId)
      .forUpdate()
      .firstOrFail()
    const before = camera.toAuditJSON()
    if (params.fields.code) camera.code = params.fields.code.trim().toUpperCase()
    await applyFields(camera, params.fields, trx)
    const credentialsChanged = camera.$dirty.usernameEncrypted || camera.$dirty.passwordEncrypted
    await camera.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'camera.update',
        entityType: 'camera',
        entityId: camera.id,
        before,
        after: { ...camera.toAuditJSON(), credentialsChanged: !!credentialsChanged },
      },
      trx
    )
    return camera
  }
  return withTransaction(outer, work)
}

/** Puts a camera's pin on the site plan, as fractions of the image's width and height. */
export async function placeCameraOnPlan(params: {
  actor: AuditActor
  cameraId: number
  x: number
  y: number
}) {
  return db.transaction(async (trx) => {
    const camera = await Camera.query({ client: trx })
      .where('id', params.cameraId)
      .forUpdate()
      .firstOrFail()
    camera.merge({ planX: params.x, planY: params.y })
    await camera.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'camera.place',
        entityType: 'camera',
        entityId: camera.id,
        after: { planX: params.x, planY: params.y },
      },
      trx
    )
    return camera
  })
}
