import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import { BaseModel, belongsTo, column, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasOne } from '@adonisjs/lucid/types/relations'
import Fund from '#models/fund'
import CameraAgreement from '#models/camera_agreement'
import Location from '#models/location'
import Household from '#models/household'

export const CAMERA_STATUSES = ['planned', 'active', 'faulty', 'under_repair', 'retired'] as const
export type CameraStatus = (typeof CAMERA_STATUSES)[number]

/** Who may own a camera watched by the monitoring centre. */
export const CAMERA_OWNER_KINDS = ['programme', 'village', 'household', 'business'] as const
export type CameraOwnerKind = (typeof CAMERA_OWNER_KINDS)[number]

const decimal = {
  prepare: (value: number | null) => value,
  consume: (value: string | null) => (value === null ? null : Number(value)),
}

/**
 * A camera asset. Its credentials are encrypted with the app key and never serialised:
 * read them only with `credentials()`, for ffmpeg/ONVIF.
 */
export default class Camera extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare locationId: number

  @column()
  declare householdId: number | null

  @column()
  declare addressDescription: string | null

  @column(decimal)
  declare latitude: number | null

  @column(decimal)
  declare longitude: number | null

  @column()
  declare model: string | null

  @column()
  declare serial: string | null

  @column()
  declare supplier: string | null

  @column()
  declare installedOn: string | null

  @column()
  declare cost: number | null

  @column()
  declare costExpenseId: number | null

  @column()
  declare warrantyUntil: string | null

  @column()
  declare status: CameraStatus

  /** The campaign (fund) that pays for this camera, if one does. */
  @column()
  declare fundId: number | null

  /** Who owns it: the programme, or a thôn, household or business that connected its own. */
  @column()
  declare ownerKind: CameraOwnerKind

  @column()
  declare ownerName: string | null

  @column()
  declare mainStreamUrl: string | null

  @column()
  declare subStreamUrl: string | null

  @column()
  declare rtspTransport: 'tcp' | 'udp'

  /**
   * The recorder found audio MPEG-TS cannot carry (G.711) and converts it to AAC; video is
   * still copied. Set by the recorder, never in the form.
   */
  @column()
  declare audioToAac: boolean

  @column({ serializeAs: null })
  declare usernameEncrypted: string | null

  @column({ serializeAs: null })
  declare passwordEncrypted: string | null

  @column()
  declare onvifHost: string | null

  @column()
  declare onvifPort: number | null

  @column()
  declare recordingEnabled: boolean

  @column()
  declare retentionDays: number

  /** Camera clock minus the recorder's, from the last ONVIF check (shown, not trusted). */
  @column()
  declare clockOffsetSeconds: number | null

  @column.dateTime()
  declare clockCheckedAt: DateTime | null

  /** Only this recorder node may record the camera (empty: any node). */
  @column()
  declare pinnedNode: string | null

  /** How footage missing after a gap is fetched back from the camera's SD card. */
  @column()
  declare edgeStorage: 'none' | 'onvif' | 'hikvision' | 'dahua' | 'template'

  /** The replay URL with {start} and {end}, for edgeStorage 'template'. */
  @column()
  declare edgeReplayTemplate: string | null

  @column(decimal)
  declare quotaGb: number | null

  @column(decimal)
  declare planX: number | null

  @column(decimal)
  declare planY: number | null

  @column.dateTime()
  declare lastRecordedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Location)
  declare location: BelongsTo<typeof Location>

  @belongsTo(() => Household)
  declare household: BelongsTo<typeof Household>

  @belongsTo(() => Fund)
  declare fund: BelongsTo<typeof Fund>

  /** The connection agreement of a camera the programme does not own. */
  @hasOne(() => CameraAgreement)
  declare agreement: HasOne<typeof CameraAgreement>

  get hasCredentials() {
    return this.usernameEncrypted !== null || this.passwordEncrypted !== null
  }

  /** Stores credentials encrypted (null clears them). */
  setCredentials(username: string | null, password: string | null) {
    this.usernameEncrypted = username ? encryption.encrypt(username) : null
    this.passwordEncrypted = password ? encryption.encrypt(password) : null
  }

  /** The decrypted credentials, for the recorder only. */
  credentials(): { username: string | null; password: string | null } {
    const open = (v: string | null) => (v ? (encryption.decrypt<string>(v) ?? null) : null)
    return { username: open(this.usernameEncrypted), password: open(this.passwordEncrypted) }
  }

  /** What the audit log may keep: everything but the credentials (only whether they are set). */
  toAuditJSON() {
    return {
      code: this.code,
      name: this.name,
      locationId: this.locationId,
      householdId: this.householdId,
      status: this.status,
      ownerKind: this.ownerKind,
      ownerName: this.ownerName,
      model: this.model,
      serial: this.serial,
      mainStreamUrl: this.mainStreamUrl,
      subStreamUrl: this.subStreamUrl,
      rtspTransport: this.rtspTransport,
      onvifHost: this.onvifHost,
      onvifPort: this.onvifPort,
      recordingEnabled: this.recordingEnabled,
      retentionDays: this.retentionDays,
      quotaGb: this.quotaGb,
      pinnedNode: this.pinnedNode,
      edgeStorage: this.edgeStorage,
      edgeReplayTemplate: this.edgeReplayTemplate,
      hasCredentials: this.hasCredentials,
    }
  }
}
