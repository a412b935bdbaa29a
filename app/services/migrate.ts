import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/**
 * Applies pending migrations (used by `npm start` and `node ace db:seed`, so neither needs
 * a separate set-up step). Returns how many were applied.
 */
export async function migrateToLatest(): Promise<number> {
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const migrator = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
  await migrator.run()
  if (migrator.error) throw migrator.error
  return Object.values(migrator.migratedFiles).filter((file) => file.status === 'completed').length
}
