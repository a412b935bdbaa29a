import type { DonationMethod } from '#models/donation'
import type { DonorKind } from '#models/donor'
import { normalizeName } from '#services/text_match'

/**
 * What the words in a treasurer's list mean: the method, the kind of donor, a request not
 * to be named, and a totals row. Compared as normalised text (no case, no diacritics),
 * except where a diacritic is the difference ("Cộng" is a total, "Công ty" a donor).
 */

export const METHOD_WORDS: Record<string, DonationMethod> = {
  'tien mat': 'cash',
  'tm': 'cash',
  'cash': 'cash',
  'chuyen khoan': 'bank_transfer',
  'ck': 'bank_transfer',
  'ngan hang': 'bank_transfer',
  'qua ngan hang': 'bank_transfer',
  'bank transfer': 'bank_transfer',
  'transfer': 'bank_transfer',
  'bank': 'bank_transfer',
  'hien vat': 'in_kind',
  'in kind': 'in_kind',
}

/** Method words found inside a note ("Chuyển khoản qua Agribank", "nộp TM"). */
const NOTE_METHOD_WORDS: Array<[string, DonationMethod]> = [
  ['chuyen khoan', 'bank_transfer'],
  ['ck', 'bank_transfer'],
  ['tien mat', 'cash'],
  ['tm', 'cash'],
  ['hien vat', 'in_kind'],
]

const ANONYMOUS_PHRASES = [
  'an danh',
  'giau ten',
  'khong cong khai',
  'khong neu ten',
  'khong ghi ten',
  'khong cong bo ten',
  'khong muon neu ten',
  'khong de ten',
  'anonymous',
]
/** Names that are themselves a request not to be named. */
const ANONYMOUS_NAMES = ['an danh', 'nguoi an danh', 'nha hao tam an danh', 'khong ghi ten']

export const ORGANISATION_WORDS = [
  'to chuc',
  'don vi',
  'co quan',
  'doanh nghiep',
  'cong ty',
  'organisation',
  'organization',
  'org',
  'business',
]
export const INDIVIDUAL_WORDS = ['ca nhan', 'ho gia dinh', 'individual', 'person', 'household']

const containsWords = (text: string, words: string) => ` ${text} `.includes(` ${words} `)

/** The method a note names, if exactly one. */
export function methodInNote(note: string | null): DonationMethod | null {
  if (!note) return null
  const text = normalizeName(note)
  const found = new Set(NOTE_METHOD_WORDS.filter(([w]) => containsWords(text, w)).map(([, m]) => m))
  return found.size === 1 ? [...found][0] : null
}

/** "Đề nghị không công khai tên", "ẩn danh", a donor called "Ẩn danh". */
export function asksAnonymity(name: string, note: string | null): boolean {
  if (ANONYMOUS_NAMES.includes(normalizeName(name))) return true
  const text = normalizeName(note ?? '')
  return ANONYMOUS_PHRASES.some((phrase) => containsWords(text, phrase))
}

export function kindFrom(value: string): DonorKind | null | 'unknown' {
  const text = normalizeName(value)
  if (!text) return null
  if (ORGANISATION_WORDS.includes(text)) return 'organisation'
  if (INDIVIDUAL_WORDS.includes(text)) return 'individual'
  return 'unknown'
}

/**
 * A totals row: its first words are "Tổng cộng", "Tổng", "Cộng" (with the diacritics, so
 * "Công ty" is not one), "Total" or "Sum". "Cộng thôn An Đại" is one too (a subtotal).
 */
export function isTotalLabel(value: string): boolean {
  const text = value.normalize('NFC').toLowerCase().trim()
  return /^(tổng cộng|tổng số|tổng|cộng|tong cong|total|grand total|sum)(?=$|[\s:.,(-])/u.test(text)
}

/** Text a spreadsheet would run as a formula, or markup: kept as typed, flagged. */
export function looksLikeFormula(name: string) {
  return /^[=+\-@]/.test(name)
}
export function looksLikeMarkup(name: string) {
  return /<\s*\/?\s*[a-z!][^>]*>/i.test(name)
}
