import { spawn } from 'node:child_process'
import { openSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { Logger } from '@adonisjs/core/logger'
import app from '@adonisjs/core/services/app'
import autocannon from 'autocannon'
import User from '#models/user'
import seedSampleDonations from '#actions/demo/seed_sample_donations'
import seedSampleSpending from '#actions/demo/seed_sample_spending'
import seedSampleCameras from '#actions/demo/seed_sample_cameras'
import seedNextSteps from '#actions/demo/seed_next_steps'
import { ROLES, type Role } from '#services/roles'
import { flag, stopGroup } from '#bench/recorder_support'
import { seedBusyYear } from '#bench/busy_year'

const PASSWORD = 'mat-khau-bench-du-dai'

/**
 * `npm run bench:web [-- --connections 50 --duration 20 --donations 10000]`: the web server
 * under load. The programme `db:seed` makes plus a busy year (bench:report's data) go into
 * the benchmark database; the real server (`bin/server.js`, production mode) runs as its own
 * process; autocannon then loads, one after the other for `duration` seconds each with
 * `connections` connections, the dashboard of every role (signed in), the public page and
 * the API summary (bearer token). Latency percentiles are computed from every response.
 * `--profile` has the server write a CPU profile to tmp/web-profile. Prints one JSON line last.
 */
export default async function run(logger: Logger, flags: Record<string, unknown> = {}) {
  const connections = flag(flags, 'connections', 50)
  const duration = flag(flags, 'duration', 20)
  const port = flag(flags, 'port', 3391)
  await seedSampleDonations()
  await seedSampleSpending()
  await seedSampleCameras()
  await seedNextSteps()
  await seedBusyYear(flag(flags, 'donations', 10_000))
  const users = new Map<Role, User>()
  for (const role of ROLES) {
    users.set(
      role,
      await User.create({
        fullName: `Bench ${role}`,
        email: `bench.${role}@xa.test`,
        password: PASSWORD,
        role,
        locale: 'vi',
        passwordChangeRequired: false,
      })
    )
  }
  const token = await User.accessTokens.create(users.get('committee')!, ['*'], { name: 'bench' })

  // --profile: the server writes a CPU profile (tmp/web-profile) when it stops.
  const profile = flags.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${app.makePath('tmp/web-profile')}`]
    : []
  await mkdir(app.makePath('tmp'), { recursive: true })
  const log = openSync(app.makePath('tmp/bench-web-server.log'), 'w')
  const server = spawn(
    process.execPath,
    [...profile, '--import=ts-node-maintained/register/esm', 'bin/server.js'],
    {
      cwd: app.makePath(),
      detached: true,
      // Its log, for a request that fails: tmp/bench-web-server.log.
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' },
    }
  )
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${base}/healthz`)
    const targets: { name: string; path: string; headers: Record<string, string> }[] = []
    for (const role of ROLES) {
      const cookie = await signIn(base, `bench.${role}@xa.test`)
      targets.push({ name: `dashboard_${role}`, path: '/', headers: { cookie } })
    }
    targets.push({ name: 'public', path: '/cong-khai', headers: {} })
    targets.push({
      name: 'api_summary',
      path: '/api/v1/programme/summary',
      headers: { authorization: `Bearer ${token.value!.release()}` },
    })

    const results: Record<string, unknown>[] = []
    for (const target of targets) {
      // One warm-up request (templates compiled, connections in the pool), then one timed
      // alone: what a single visitor waits, before the crowd arrives.
      await fetch(base + target.path, { headers: target.headers }).then((r) => r.text())
      const started = performance.now()
      const alone = await fetch(base + target.path, { headers: target.headers })
      const bytes = (await alone.arrayBuffer()).byteLength
      const aloneMs = Math.round(performance.now() - started)
      if (alone.status !== 200) throw new Error(`${target.path}: ${alone.status}`)
      const result = await load(base + target.path, target.headers, connections, duration)
      logger.info(`${target.name}: ${JSON.stringify(result)}`)
      // Requests still queued in the server must not be counted against the next target.
      await drained(base)
      results.push({
        target: target.name,
        alone_ms: aloneMs,
        kib: Math.round(bytes / 1024),
        ...result,
      })
    }
    console.log(JSON.stringify({ connections, duration_s: duration, results }))
  } finally {
    await stopGroup(server, 'SIGTERM')
  }
}

/** autocannon against one URL; percentiles from every response's own time. */
async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  duration: number
) {
  const times: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers }, (error, done) =>
      error ? reject(error) : resolve(done)
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
  times.sort((a, b) => a - b)
  const at = (p: number) =>
    times.length ? times[Math.min(times.length - 1, Math.floor(times.length * p))] : 0
  return {
    requests: result.requests.total,
    req_per_s: Math.round(result.requests.average),
    p50_ms: Math.round(at(0.5)),
    p95_ms: Math.round(at(0.95)),
    p99_ms: Math.round(at(0.99)),
    max_ms: Math.round(times.at(-1) ?? 0),
    errors: result.errors + result.timeouts,
    non_2xx: result.non2xx,
  }
}

/** Signs in through the login form (CSRF token and all); returns the cookies to send. */
async function signIn(base: string, email: string) {
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair.indexOf('=')
      jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
  }
  const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const form = await fetch(`${base}/login`)
  keep(form)
  const csrf = /name=['"]_csrf['"] value=['"]([^'"]+)/.exec(await form.text())?.[1]
  if (!csrf) throw new Error('no CSRF field on the login page')
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookies() },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }),
  })
  keep(response)
  const check = await fetch(`${base}/`, { headers: { cookie: cookies() }, redirect: 'manual' })
  if (check.status !== 200) throw new Error(`sign-in as ${email} failed (${check.status})`)
  return cookies()
}

/** Waits until the server answers its health check within 100 ms (at most 120 s). */
async function drained(base: string) {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    const started = performance.now()
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer())
    if (performance.now() - started < 100) return
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

async function waitFor(url: string) {
  const until = Date.now() + 90_000
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${url} did not answer`)
}
