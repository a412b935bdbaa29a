import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import encryption from '@adonisjs/core/services/encryption'
import { splitTemplateCredentials } from '#services/cameras/rtsp'

/**
 * Cameras whose stored replay template still carries `user:pass@` (saved before templates
 * were split like stream URLs): the template loses them; a camera without stored
 * credentials takes them, encrypted, as the form would have done. Returns how many changed.
 */
export async function splitStoredTemplateCredentials(client: QueryClientContract) {
  const rows = await client
    .from('cameras')
    .whereILike('edge_replay_template', 'rtsp%@%')
    .select('id', 'edge_replay_template', 'username_encrypted', 'password_encrypted')
  let changed = 0
  for (const row of rows) {
    const split = splitTemplateCredentials(row.edge_replay_template)
    if (split.template === row.edge_replay_template) continue
    changed++
    const hasOwn = row.username_encrypted !== null || row.password_encrypted !== null
    await client
      .from('cameras')
      .where('id', row.id)
      .update({
        edge_replay_template: split.template,
        ...(hasOwn
          ? {}
          : {
              username_encrypted: split.username ? encryption.encrypt(split.username) : null,
              password_encrypted: split.password ? encryption.encrypt(split.password) : null,
            }),
      })
  }
  return changed
}
