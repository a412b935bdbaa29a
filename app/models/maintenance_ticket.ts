import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Camera from '#models/camera'
import User from '#models/user'

export const TICKET_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'cancelled',
] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export const TICKET_CATEGORIES = [
  'power_cut',
  'network',
  'weather',
  'hardware',
  'vandalism',
  'other',
] as const
export type TicketCategory = (typeof TICKET_CATEGORIES)[number]
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type TicketPriority = (typeof TICKET_PRIORITIES)[number]
export type TicketSource = 'recorder' | 'public_report' | 'staff' | 'schedule'

/** Statuses in which a ticket still needs work. */
export const ACTIVE_TICKET_STATUSES: TicketStatus[] = ['open', 'assigned', 'in_progress']

const bigint = {
  consume: (value: string | null) => (value === null ? null : Number(value)),
}

export default class MaintenanceTicket extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cameraId: number

  @column()
  declare source: TicketSource

  @column()
  declare category: TicketCategory

  @column()
  declare kind: 'corrective' | 'preventive'

  @column()
  declare priority: TicketPriority

  @column()
  declare title: string

  @column()
  declare description: string | null

  @column()
  declare status: TicketStatus

  @column()
  declare automatic: boolean

  @column()
  declare touchedByPerson: boolean

  @column()
  declare assigneeId: number | null

  @column()
  declare faultReportId: number | null

  @column()
  declare openedBy: number | null

  @column.dateTime()
  declare openedAt: DateTime

  @column.dateTime()
  declare assignedAt: DateTime | null

  @column()
  declare assignedBy: number | null

  @column.dateTime()
  declare startedAt: DateTime | null

  @column()
  declare startedBy: number | null

  @column.dateTime()
  declare resolvedAt: DateTime | null

  @column()
  declare resolvedBy: number | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column()
  declare closedBy: number | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancelledBy: number | null

  @column.dateTime()
  declare recoveredAt: DateTime | null

  @column()
  declare resolution: string | null

  @column()
  declare cancelReason: string | null

  @column(bigint)
  declare repairCost: number | null

  /** The draft expense this repair's cost became (maintenance budget line). */
  @column()
  declare expenseId: number | null

  @column()
  declare underWarranty: boolean

  /** The preventive schedule that opened this ticket, and the day it was due. */
  @column()
  declare scheduleId: number | null

  /** `yyyy-mm-dd` */
  @column()
  declare dueOn: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Camera)
  declare camera: BelongsTo<typeof Camera>

  @belongsTo(() => User, { foreignKey: 'assigneeId' })
  declare assignee: BelongsTo<typeof User>

  get isActive() {
    return ACTIVE_TICKET_STATUSES.includes(this.status)
  }

  /** What the audit log keeps of a ticket. */
  snapshot() {
    return {
      status: this.status,
      assigneeId: this.assigneeId,
      category: this.category,
      priority: this.priority,
      repairCost: this.repairCost,
      underWarranty: this.underWarranty,
    }
  }
}
