import type { SessionStoreContract } from '@adonisjs/session/types'

/** A session's expiry is moved forward at most this often (per web process). */
export const TOUCH_EVERY_MS = 60_000

/**
 * A session store that moves a session's expiry forward at most once a minute. The stock
 * store updates its row on every request that did not change the session: a write (and a
 * WAL flush) per page view, most of it for nothing on an 8 h session (issue 23, bench:web).
 * A session now ends between 8 h − 1 min and 8 h after its last request. Everything else
 * (read, write, destroy, tagging for "end every session of this user") is the store's own.
 */
export function touchingAtMostEveryMinute(store: SessionStoreContract): SessionStoreContract {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'touch') {
        return async (sessionId: string) => {
          const now = Date.now()
          const last = touched.get(sessionId)
          if (last !== undefined && now - last < TOUCH_EVERY_MS) return
          if (touched.size >= MAX_REMEMBERED) touched.clear()
          touched.set(sessionId, now)
          await target.touch(sessionId)
        }
      }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** When this process last moved each session's expiry. */
const touched = new Map<string, number>()
const MAX_REMEMBERED = 50_000
