import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Fund from '#models/fund'

/** An approved amount for one kind of spending in a programme (fund). */
export default class BudgetLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fundId: number

  @column()
  declare name: string

  @column()
  declare approvedAmount: number

  /** `yyyy-mm-dd` or null */
  @column()
  declare periodStart: string | null

  @column()
  declare periodEnd: string | null

  @column()
  declare note: string | null

  @column()
  declare isMaintenance: boolean

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Fund)
  declare fund: BelongsTo<typeof Fund>

  toAuditJSON() {
    return {
      fundId: this.fundId,
      name: this.name,
      approvedAmount: this.approvedAmount,
      periodStart: this.periodStart,
      periodEnd: this.periodEnd,
      note: this.note,
      isMaintenance: this.isMaintenance,
    }
  }
}
