import vine from '@vinejs/vine'
import { day } from '#validators/donation'

/** The level locations are counted at ('auto' = under the commune, or a depth 1-4). */
const locationLevel = () => vine.enum(['auto', '1', '2', '3', '4']).optional()

export const reportPeriodValidator = vine.compile(
  vine.object({
    from: day(),
    to: day(),
    location_level: locationLevel(),
  })
)

const block = () => vine.string().trim().maxLength(20000).optional()
const line = (max = 300) => vine.string().trim().maxLength(max).optional()

/** What the committee types around the figures (kept for next time). */
export const narrativeValidator = vine.compile(
  vine.object({
    from: day(),
    to: day(),
    location_level: locationLevel(),
    agency_parent: line(),
    agency: line(),
    number: line(60),
    place: line(100),
    report_date: day(),
    subject: line(500),
    intro: block(),
    purpose: block(),
    situation: block(),
    deployment: block(),
    effectiveness: block(),
    difficulties: block(),
    proposals: block(),
    closing: block(),
    recipients: block(),
    signer_title: line(),
    signer_name: line(),
  })
)
