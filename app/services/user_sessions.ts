import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'

/**
 * Ends every open session of a user (sessions are tagged with the user id at login).
 * Returns how many were ended.
 */
export async function endUserSessions(userId: number): Promise<number> {
  const sessions = await app.container.make(SessionCollection)
  if (!sessions.supportsTagging()) return 0
  const tagged = await sessions.tagged(String(userId))
  for (const session of tagged) await sessions.destroy(session.id)
  return tagged.length
}
