import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { REPAIRS_PAID_BY } from '#models/camera_agreement'
import { pastDay } from '#validators/donation'

/** A connection agreement for a camera the programme does not own. */
export const cameraAgreementValidator = vine.compile(
  vine.object({
    party_name: vine.string().trim().minLength(2).maxLength(200),
    party_phone: vine
      .string()
      .trim()
      .maxLength(30)
      .regex(/^[\d\s+().-]+$/)
      .optional(),
    signed_on: pastDay(),
    recording_scope: vine.string().trim().minLength(5).maxLength(2000),
    retention_days: vine.number().withoutDecimals().min(1).max(3650),
    repairs_paid_by: vine.enum(REPAIRS_PAID_BY),
    note: vine.string().trim().maxLength(2000).optional(),
  })
)
export type CameraAgreementPayload = Infer<typeof cameraAgreementValidator>
