import { rowId } from '#validators/ids'
import vine from '@vinejs/vine'
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '#models/maintenance_ticket'
import { amountOrZero, day } from '#validators/donation'

const text = (max: number) => vine.string().trim().minLength(3).maxLength(max)

export const ticketValidator = vine.compile(
  vine.object({
    camera_id: rowId('cameras'),
    category: vine.enum(TICKET_CATEGORIES),
    priority: vine.enum(TICKET_PRIORITIES).optional(),
    title: text(200),
    description: vine.string().trim().maxLength(5000).optional(),
  })
)

export const ticketFilterValidator = vine.compile(
  vine.object({
    status: vine.enum(TICKET_STATUSES).optional(),
    category: vine.enum(TICKET_CATEGORIES).optional(),
    camera_id: vine.number().withoutDecimals().positive().optional(),
    mine: vine.boolean().optional(),
  })
)

export const assignValidator = vine.compile(
  vine.object({
    assignee_id: vine.number().withoutDecimals().positive(),
  })
)

export const resolveValidator = vine.compile(
  vine.object({
    resolution: text(5000),
    repair_cost: amountOrZero().optional(),
    under_warranty: vine.boolean().optional(),
    /** The cause as found on site (an automatic "network" ticket may turn out a power cut). */
    category: vine.enum(TICKET_CATEGORIES).optional(),
    payee: vine.string().trim().maxLength(200).optional(),
  })
)

export const statsValidator = vine.compile(
  vine.object({
    from: day().optional(),
    to: day().optional(),
  })
)

export const cancelValidator = vine.compile(
  vine.object({
    reason: text(1000),
  })
)

export const scheduleValidator = vine.compile(
  vine.object({
    title: text(200),
    description: vine.string().trim().maxLength(5000).optional(),
    target_camera_id: rowId('cameras').optional().requiredIfMissing('target_location_id'),
    target_location_id: rowId('locations').optional().requiredIfMissing('target_camera_id'),
    interval_count: vine.number().withoutDecimals().range([1, 3650]),
    interval_unit: vine.enum(['days', 'months'] as const),
    anchor_on: day(),
    active: vine.boolean().optional(),
  })
)

export const ticketSettingsValidator = vine.compile(
  vine.object({
    offline_minutes: vine.number().withoutDecimals().range([5, 1440]),
    flap_outages: vine.number().withoutDecimals().range([2, 100]),
    flap_window_minutes: vine.number().withoutDecimals().range([10, 1440]),
    recovery_minutes: vine.number().withoutDecimals().range([1, 240]),
    edge_recovery_kbps: vine.number().withoutDecimals().range([0, 1_000_000]).optional(),
  })
)

export const photoValidator = vine.compile(
  vine.object({
    caption: vine.string().trim().maxLength(200).optional(),
  })
)
