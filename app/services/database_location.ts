import { isAbsolute, join } from 'node:path'

export type DatabaseLocation =
  | {
      kind: 'external'
      connection: { connectionString: string }
      database: string
    }
  | {
      kind: 'embedded'
      connection: { host: string; port: number; user: string; password: string; database: string }
      database: string
      dataDir: string
      port: number
      password: string
    }

type EnvReader = { get(key: string, defaultValue?: any): any }

/**
 * Where the database lives, decided in one place for the config file, the embedded
 * server and the test runner: DATABASE_URL when set, else the embedded server in
 * storage/postgres. In the test environment the database name gets a `_test` suffix
 * on an external server, so tests never touch the real database.
 */
export function resolveDatabaseLocation(env: EnvReader, appRoot: string): DatabaseLocation {
  const isTest = env.get('NODE_ENV') === 'test'
  const url = env.get('DATABASE_URL')
  if (url) {
    const parsed = new URL(url)
    if (isTest && !parsed.pathname.endsWith('_test')) {
      parsed.pathname = `${parsed.pathname.replace(/^\//, '') || 'postgres'}_test`
    }
    return {
      kind: 'external',
      connection: { connectionString: parsed.toString() },
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    }
  }

  const port = Number(env.get('EMBEDDED_DB_PORT', 54329))
  const password = env.get('EMBEDDED_DB_PASSWORD') || 'postgres'
  const database = env.get('DB_DATABASE', isTest ? 'camera_an_ninh_test' : 'camera_an_ninh')
  const dir = env.get('EMBEDDED_DB_DIR', 'storage/postgres')
  return {
    kind: 'embedded',
    connection: { host: '127.0.0.1', port, user: 'postgres', password, database },
    database,
    dataDir: isAbsolute(dir) ? dir : join(appRoot, dir),
    port,
    password,
  }
}
