import type { I18n } from '@adonisjs/i18n'
import app from '@adonisjs/core/services/app'
import { formatMoney, formatNumber } from '#services/money'
import { formatDate, formatDateTime } from '#services/dates'

/**
 * The audit log and every history (camera, ticket, evidence custody) in the words of the
 * people who read them: the action and the record named in Vietnamese (or English), changes
 * as "field: before → after", times local. The stored event keeps its codes and JSON; only
 * what is shown is worded here, in one place for every page.
 */

interface EventLike {
  action: string
  entityType: string
  entityId: string | number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export interface AuditChange {
  field: string
  before: string | null
  after: string
}

const MONEY_KEY = /amount|total|price|cost|raised|paid|spent/i
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
/** Keys whose values are never shown (secrets, hashes, internal ids of no use to a reader). */
const HIDDEN_KEY = /password|secret|token_hash|^hash$|sha256|tmp_?path/i

/**
 * A code with no wording yet: people read "another action/field"; outside production the
 * code itself shows, so the page sweep in the tests finds it and fails.
 */
function untranslated(i18n: I18n, fallbackKey: string, code: string) {
  return app.inProduction ? i18n.t(fallbackKey) : `${i18n.t(fallbackKey)} (${code})`
}

/** The action in words, e.g. "Sửa camera" for `camera.update`. */
export function auditActionLabel(i18n: I18n, action: string) {
  const key = `audit.actions.${action}`
  return i18n.hasMessage(key) ? i18n.t(key) : untranslated(i18n, 'audit.actions.other', action)
}

/** The record in words, e.g. "Camera số 12", or just "Cài đặt" when it has no id. */
export function auditEntityLabel(i18n: I18n, entityType: string, entityId: unknown) {
  const key = `audit.entities.${entityType}`
  const name = i18n.hasMessage(key)
    ? i18n.t(key)
    : untranslated(i18n, 'audit.entities.other', entityType)
  return entityId === null || entityId === undefined || entityId === ''
    ? name
    : i18n.t('audit.entity_with_id', { name, id: String(entityId) })
}

/** A field name in words; a field the wording does not know is named as "another field". */
function fieldLabel(i18n: I18n, key: string) {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
  const id = `audit.fields.${snake}`
  return i18n.hasMessage(id) ? i18n.t(id) : untranslated(i18n, 'audit.fields.other', snake)
}

/** One value as a person reads it: money, local times, yes/no, translated codes. */
export function auditValue(i18n: I18n, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return i18n.t(value ? 'app.yes' : 'app.no')
  if (typeof value === 'number') {
    return MONEY_KEY.test(key) && Number.isSafeInteger(value)
      ? formatMoney(value)
      : formatNumber(value)
  }
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => auditValue(i18n, key, v)).join(', ') : '—'
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !HIDDEN_KEY.test(k))
      .map(([k, v]) => `${fieldLabel(i18n, k)}: ${auditValue(i18n, k, v)}`)
      .join('; ')
  }
  const text = String(value)
  if (ISO_TIME.test(text)) return formatDateTime(text)
  if (ISO_DAY.test(text)) return formatDate(text)
  if (/^[a-z][a-z0-9_]*$/.test(text)) {
    const id = `audit.values.${text}`
    if (i18n.hasMessage(id)) return i18n.t(id)
  }
  const counted = text.match(/^(\d+) ([a-z_]+)$/) // "3 months"
  if (counted && i18n.hasMessage(`audit.values.${counted[2]}`)) {
    return `${counted[1]} ${i18n.t(`audit.values.${counted[2]}`)}`
  }
  if (MONEY_KEY.test(key) && /^\d+$/.test(text) && Number.isSafeInteger(Number(text))) {
    return formatMoney(Number(text))
  }
  return text
}

/**
 * Households' and fault reporters' personal details: only the roles that deal with them
 * (CameraPolicy.viewHouseholds) read them in a history; for others they read "(ẩn)".
 */
const PERSONAL_KEY =
  /^(head_?name|party_?name|owner_?name|address|phone|reporter_?phone|note|consent_?scan)$/i

/** Whether an event carries a household's, a reporter's or an agreement party's details. */
export function isPersonalEvent(
  event: Pick<EventLike, 'entityType' | 'action' | 'before' | 'after'>
) {
  return (
    event.entityType === 'household' ||
    event.action.startsWith('fault_report.') ||
    event.action.startsWith('camera.agreement') ||
    // A household's own camera carries its owner's name.
    [event.before, event.after].some((v) => v?.ownerKind === 'household')
  )
}

/** What changed, field by field: unchanged fields and secrets left out. */
export function auditChanges(
  i18n: I18n,
  event: EventLike,
  options: { personal?: boolean } = {}
): AuditChange[] {
  const hide = options.personal === false && isPersonalEvent(event)
  const before = event.before ?? {}
  const after = event.after ?? {}
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const out: AuditChange[] = []
  for (const key of keys) {
    if (HIDDEN_KEY.test(key)) continue
    const was = before[key]
    const now = after[key]
    if (event.before && JSON.stringify(was) === JSON.stringify(now)) continue
    if (hide && PERSONAL_KEY.test(key)) {
      out.push({ field: fieldLabel(i18n, key), before: null, after: i18n.t('audit.hidden') })
      continue
    }
    out.push({
      field: fieldLabel(i18n, key),
      before: event.before ? auditValue(i18n, key, was) : null,
      after: key in after || !event.before ? auditValue(i18n, key, now) : '—',
    })
  }
  return out
}

/**
 * Everything a history row shows about one event; `personal: false` for a reader who may
 * not see households' details (their values read "(ẩn)" and the raw data is not offered).
 */
export function describeAuditEvent(
  i18n: I18n,
  event: EventLike,
  options: { personal?: boolean } = {}
) {
  return {
    action: auditActionLabel(i18n, event.action),
    entity: auditEntityLabel(i18n, event.entityType, event.entityId),
    changes: auditChanges(i18n, event, options),
    rawAllowed: options.personal !== false || !isPersonalEvent(event),
  }
}
