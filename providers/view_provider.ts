import type { ApplicationService } from '@adonisjs/core/types'
import { auditActionLabel, describeAuditEvent } from '#services/audit_wording'
import { importMessageParams } from '#services/donations/import_messages'
import { formatHours, formatMoney, formatNumber, formatPercent } from '#services/money'
import {
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatDuration,
  formatLength,
} from '#services/dates'

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
    edge.global('formatLength', formatLength)
    edge.global('formatPercent', formatPercent)
    edge.global('formatHours', formatHours)
    edge.global('describeAudit', describeAuditEvent)
    edge.global('auditAction', auditActionLabel)
    edge.global('importMessageParams', importMessageParams)
    edge.global('appName', 'Mắt ghi hình camera an ninh')
    // Statuses, methods, causes: defined once in code, looped over by templates.
    const { CLOSED_LISTS } = await import('#services/closed_lists')
    edge.global('lists', CLOSED_LISTS)
  }
}
