import db from '@adonisjs/lucid/services/db'

/**
 * A raw pg client from the Lucid pool, outside any transaction of the caller (COPY for
 * backups, a session advisory lock), given back by `release`.
 */
export async function rawClient(connection?: string) {
  const knex = db.connection(connection).getWriteClient() as any
  const client = await knex.client.acquireConnection()
  return { client, release: () => knex.client.releaseConnection(client) }
}
