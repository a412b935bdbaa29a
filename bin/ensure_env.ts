import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

/**
 * A fresh clone has no `.env`. Rather than asking people to copy one by hand, the first
 * run writes it from `.env.example` with freshly generated secrets (APP_KEY encrypts
 * camera passwords and sessions; back this file up with the database).
 *
 * Nothing is written when the variables already come from the environment (CI, systemd).
 */
export function ensureEnvFile(appRoot: URL) {
  const envPath = new URL('.env', appRoot)
  if (existsSync(envPath) || process.env.APP_KEY) return

  const examplePath = new URL('.env.example', appRoot)
  const template = existsSync(examplePath) ? readFileSync(examplePath, 'utf8') : 'APP_KEY=\n'
  const secret = (bytes: number) => randomBytes(bytes).toString('base64url')
  const content = template
    .replace(/^APP_KEY=.*$/m, `APP_KEY=${secret(32)}`)
    .replace(/^EMBEDDED_DB_PASSWORD=.*$/m, `EMBEDDED_DB_PASSWORD=${secret(18)}`)

  writeFileSync(envPath, content, { mode: 0o600 })
}
