import { rowId } from '#validators/ids'
import vine from '@vinejs/vine'
import { CASE_TYPES } from '#actions/evidence/cases'
import { day } from '#validators/donation'

const text = (max: number) => vine.string().trim().minLength(2).maxLength(max)

const caseNumber = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(60)
    .regex(/^[\p{L}\p{N}\s/._-]+$/u)

export const caseValidator = vine.compile(
  vine.object({
    case_number: caseNumber(),
    case_type: vine.enum(CASE_TYPES),
    description: text(5000),
    requesting_agency: text(200),
    requesting_person: text(200),
    requested_on: day(),
  })
)

/** `yyyy-mm-ddThh:mm[:ss]` as typed in a datetime-local field (commune time). */
const localDateTime = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)

export const clipsValidator = vine.compile(
  vine.object({
    camera_ids: vine.array(rowId('cameras')).minLength(1).maxLength(26),
    from: localDateTime(),
    to: localDateTime(),
  })
)

export const playbackValidator = vine.compile(
  vine.object({
    day: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
)

export const liveValidator = vine.compile(
  vine.object({
    location_id: vine.number().withoutDecimals().positive().optional(),
  })
)

/** A window on the timeline (a gap), as milliseconds since the epoch. */
export const recoveryValidator = vine.compile(
  vine.object({
    from_ms: vine.number().withoutDecimals().min(0),
    to_ms: vine.number().withoutDecimals().min(0),
    day: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
)

/**
 * "Trích xuất làm chứng cứ" on the playback page: a window of the camera shown, into an
 * open case or a new one (its fields then required; the request day defaults to today).
 */
export const playbackEvidenceValidator = vine.compile(
  vine.object({
    from: localDateTime(),
    to: localDateTime(),
    case_id: rowId('evidence_cases').optional(),
    case_number: caseNumber().optional().requiredIfMissing('case_id'),
    case_type: vine.enum(CASE_TYPES).optional().requiredIfMissing('case_id'),
    description: text(5000).optional().requiredIfMissing('case_id'),
    requesting_agency: text(200).optional().requiredIfMissing('case_id'),
    requesting_person: text(200).optional().requiredIfMissing('case_id'),
    requested_on: day().optional(),
    viewing_copy: vine.boolean().optional(),
  })
)

/** The dashboard's playback picker: a camera and (optionally) a day. */
export const playbackPickValidator = vine.compile(
  vine.object({
    camera_id: rowId('cameras'),
    day: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
)

/** Exporting a case: optionally with H.264 viewing copies of its H.265 clips. */
export const exportValidator = vine.compile(
  vine.object({
    viewing_copy: vine.boolean().optional(),
  })
)
