import type { ApplicationService } from '@adonisjs/core/types'
import { formatMoney, formatNumber } from '#services/money'
import { formatDate, formatDateTime, formatDateTimeSeconds, formatDuration } from '#services/dates'

/** Formatting helpers available in every Edge template. */
export default class ViewProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const edge = (await import('edge.js')).default
    edge.global('formatMoney', formatMoney)
    edge.global('formatNumber', formatNumber)
    edge.global('formatDate', formatDate)
    edge.global('formatDateTime', formatDateTime)
    edge.global('formatDateTimeSeconds', formatDateTimeSeconds)
    edge.global('formatDuration', formatDuration)
    edge.global('appName', 'Mắt ghi hình camera an ninh')
  }
}
