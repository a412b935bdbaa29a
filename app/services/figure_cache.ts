import db from '@adonisjs/lucid/services/db'

/** What a cached figure is computed from (figure_versions' topics; see its migration). */
export type FigureTopic = 'money' | 'cameras' | 'tickets' | 'recordings'

interface Entry {
  stamp: string
  value: Promise<unknown>
  /** Date.now() after which the entry is computed again whatever the counters say. */
  until: number
}

const entries = new Map<string, Entry>()
const MAX_ENTRIES = 500

/**
 * Figures the dashboard, the public page and the API summary show, computed once and kept
 * until what they are computed from changes (issue 23). The database counts changes per
 * topic (a trigger on each table it is computed from, in the writer's transaction), so a
 * donation entered on the web, a run the recorder extends or a restore all show on the next
 * page; reading the counters is one small query per request.
 *
 * Usage: `const figures = await FigureCache.now()`, then `figures.get(key, topics, compute)`.
 * A request never reuses counters read before it began, so a page shown after a write
 * always includes it. Requests arriving together for a missing figure share one computation.
 */
export default class FigureCache {
  private constructor(private versions: Map<string, string>) {}

  /** The counters as of now (one query). */
  static async now() {
    const result = await db.rawQuery('select topic, version from figure_versions')
    return new FigureCache(
      new Map(result.rows.map((r: { topic: string; version: string }) => [r.topic, r.version]))
    )
  }

  /**
   * The figure `key` (which names its arguments too: `coverage:2026-12-05`), computed by
   * `compute` unless it was computed since the last change to `topics`. `maxAgeMs` bounds
   * figures that change with time alone (today's coverage so far).
   */
  get<T>(
    key: string,
    topics: FigureTopic[],
    compute: () => Promise<T>,
    options: { maxAgeMs?: number } = {}
  ): Promise<T> {
    // Without its counter (a database not yet migrated) a figure is never kept.
    if (topics.some((t) => !this.versions.has(t))) return compute()
    const stamp = topics.map((t) => `${t}=${this.versions.get(t)}`).join(',')
    const now = Date.now()
    const entry = entries.get(key)
    if (entry && entry.stamp === stamp && entry.until > now) return entry.value as Promise<T>
    const value = compute()
    const fresh: Entry = { stamp, value, until: now + (options.maxAgeMs ?? Infinity) }
    // Keys name days and months: yesterday's are dropped rather than kept forever.
    if (entries.size >= MAX_ENTRIES) entries.clear()
    entries.set(key, fresh)
    // A failed computation is not kept: the next request tries again.
    value.catch(() => {
      if (entries.get(key) === fresh) entries.delete(key)
    })
    return value
  }

  /** Forgets every figure (tests that rewrite tables under the triggers' feet). */
  static clear() {
    entries.clear()
  }
}
