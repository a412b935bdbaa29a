import type { Page } from 'playwright-core'

/**
 * What a person must never see on a page, and how to find it in the rendered DOM.
 * The page sweep (tests/browser/page_sweep.spec.ts) runs these on every page of every role.
 */

/** Edge syntax printed as text: a tag that did not start its line, or an unrendered mustache. */
const RAW_TEMPLATE = /@!?[A-Za-z_]\w*(?:\.\w+)*\s*\(|@end\b|@else\b|\{\{|\}\}/

/** A translation key or code name: `ticket.open`, `footage.live`, `budget_line`, `camera #null`. */
const CODE_NAME =
  /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)+\b|\b[a-z]+(?:_[a-z0-9]+)+\b|#null\b|\bundefined\b|\bNaN\b|\[object Object\]|translation missing/

/** File names, hosts and addresses are not code names. */
const NOT_CODE =
  /\{[a-z_]+\}|\S+@\S+|\b(?:https?|rtsp|rtsps):\/\/\S+|\b[\w.-]+\.(?:js|ts|css|xlsx|csv|zip|pdf|mp4|srt|json|png|jpe?g|svg|txt|m3u8|test|vn|com|org|local|lan|sha256)\b/g

/**
 * A Vietnamese syllable written without tone marks or modified letters: optional initial,
 * one to three vowels, optional final. Every ASCII word of Vietnamese text fits; almost no
 * English word of more than two letters does ("recorder", "token", "bearer", "and", "with").
 */
const VI_SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?$/

/**
 * Words that are not Vietnamese syllables but belong on a Vietnamese page: brands, units,
 * formats and loanwords the commune's staff use (lower case; acronyms in capitals always pass).
 */
export const ALLOWED_WORDS = new Set([
  'vd',
  'camera',
  'video',
  'email',
  'wi',
  'fi',
  'wifi',
  'internet',
  'online',
  'offline',
  'onvif',
  'rtsp',
  'excel',
  'zalo',
  'chromium',
  'hikvision',
  'hilook',
  'dahua',
  'kbvision',
  'imou',
  'ezviz',
  'tapo',
  'vigi',
  'yoosee',
  'tp',
  'link',
  'profile',
  'ffmpeg',
  'mbit',
  'kbit',
  'fps',
  'px',
  'ms',
  'kb',
  'mb',
  'gb',
  'tb',
  'ip',
  'sd',
  'api',
  'pin',
  'modem',
  'router',
  'adapter',
  'logo',
  'sim',
  'zip',
  'mp',
  'srt',
  'sha',
  'utc',
  'gmt',
  'csv',
  'xlsx',
  'pdf',
  'http',
  'https',
  'url',
  // "Văn bản Unicode" is what Excel calls the format; "5tr" is how people write 5 triệu.
  'unicode',
  'tr',
  // The Linux distribution whose ffmpeg the camera page recommends.
  'debian',
])

export interface PageReading {
  status: number | null
  /** Text of elements in Vietnamese (the page's language, no `lang` of their own). */
  viText: string[]
  /** All text, whatever its language. */
  allText: string
  overflowPx: number
  /** The elements that stick out past the right edge. */
  wide: string[]
}

/** Reads the rendered page: visible words and labels by language, and sideways overflow. */
export async function readPage(page: Page): Promise<Omit<PageReading, 'status'>> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document
    const win = globalThis as any
    const viText: string[] = []
    const all: string[] = []
    const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'])
    const langOf = (el: any) => (el.closest('[lang]')?.getAttribute('lang') ?? 'vi').slice(0, 2)
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      if (!el || SKIP.has(el.tagName)) continue
      const text = String(node.nodeValue).trim()
      if (!text) continue
      all.push(text)
      // translate="no" marks what must be typed or read as it is: URL templates, raw data.
      if (el.closest('[translate="no"]')) continue
      if (langOf(el) === 'vi') viText.push(text)
    }
    for (const el of doc.querySelectorAll('[title], [placeholder], [aria-label], img[alt]')) {
      for (const attr of ['title', 'placeholder', 'aria-label', 'alt']) {
        const v = el.getAttribute(attr)
        if (!v) continue
        all.push(v)
        if (langOf(el) === 'vi' && !el.closest('[translate="no"]')) viText.push(v)
      }
    }
    for (const el of doc.querySelectorAll('option, input[type=submit], input[type=button]')) {
      const v = el.tagName === 'OPTION' ? '' : el.getAttribute('value')
      if (v) {
        all.push(v)
        if (langOf(el) === 'vi') viText.push(v)
      }
    }
    // What sticks out on a phone: the innermost elements past the right edge, outside
    // containers that scroll on their own (wide tables sit in .table-wrap).
    const vw = win.innerWidth
    const wide: string[] = []
    const scrolls = (el: any) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (['auto', 'scroll'].includes(win.getComputedStyle(p).overflowX)) return true
      }
      return false
    }
    for (const el of doc.body.querySelectorAll('*')) {
      if (wide.length >= 3) break
      if (el.getBoundingClientRect().right <= vw + 1 || scrolls(el)) continue
      const inner = [...el.children].some((c: any) => c.getBoundingClientRect().right > vw + 1)
      if (!inner)
        wide.push(
          `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`
        )
    }
    all.push(doc.title)
    viText.push(doc.title)
    return {
      viText,
      allText: all.join('\n'),
      overflowPx: doc.documentElement.scrollWidth - win.innerWidth,
      wide,
    }
  })
}

/** English (non-Vietnamese) words in Vietnamese text, outside the allow-list. */
export function foreignWords(texts: string[]) {
  const found = new Set<string>()
  for (const raw of texts) {
    const text = raw.replace(NOT_CODE, ' ')
    for (const word of text.match(/[\p{L}]+/gu) ?? []) {
      if (!/^[A-Za-z]+$/.test(word)) continue // has a Vietnamese letter or mark
      if (word.length > 1 && word === word.toUpperCase()) continue // acronym: QR, MTBF, ONVIF
      const lower = word.toLowerCase()
      if (lower.length < 2 || VI_SYLLABLE.test(lower) || ALLOWED_WORDS.has(lower)) continue
      found.add(word)
    }
  }
  return [...found]
}

/** Everything wrong with one rendered page, as sentences for the failure message. */
export function problemsOf(reading: PageReading, opts: { phone: boolean }) {
  const problems: string[] = []
  if (reading.status !== null && reading.status >= 500) problems.push(`HTTP ${reading.status}`)
  const raw = reading.allText.match(RAW_TEMPLATE)
  if (raw) problems.push(`template text printed: "${excerpt(reading.allText, raw.index!)}"`)
  for (const text of reading.viText) {
    const cleaned = text.replace(NOT_CODE, ' ')
    const code = cleaned.match(CODE_NAME)
    if (code) {
      problems.push(`code name or key shown: "${excerpt(cleaned, code.index!)}"`)
      break
    }
  }
  const foreign = foreignWords(reading.viText)
  if (foreign.length) problems.push(`English on a Vietnamese page: ${foreign.join(', ')}`)
  if (opts.phone && reading.overflowPx > 0) {
    problems.push(
      `scrolls sideways by ${reading.overflowPx} px at 375 px (${reading.wide.join(', ')})`
    )
  }
  return problems
}

function excerpt(text: string, at: number) {
  return text.slice(Math.max(0, at - 30), at + 50).replace(/\s+/g, ' ')
}
