import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { spawn, type ChildProcess } from 'node:child_process'
import { previewImport } from '#actions/donation_imports/import_donation_list'
import { makeUser } from '#tests/helpers'
import { sleep } from '#tests/recorder_support'

const PORT = 3398

/** A tiny cookie jar over fetch, enough for a signed-in form post. */
class Browser {
  #cookies = new Map<string, string>()
  constructor(private base: string) {}

  async request(path: string, init: RequestInit = {}) {
    const response = await fetch(this.base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers ?? {}),
        cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, at), pair.slice(at + 1))
    }
    return response
  }

  async csrf(path: string) {
    const html = await (await this.request(path)).text()
    return /name='_csrf' value='([^']+)'/.exec(html)![1]
  }

  form(path: string, fields: Record<string, string>) {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }
}

/*
 * The web process is killed (SIGKILL: a power cut of the PC) while it writes a
 * 10,000-row import in its one transaction: afterwards the ledger holds all of it or none,
 * never part, and no batch is left half-posted. The real server runs as its own process.
 */
test.group('Web process killed mid-write', () => {
  let server: ChildProcess | undefined

  test('a 10,000-row import killed mid-transaction leaves nothing half-written', async ({
    assert,
  }) => {
    const rows = 10_000
    const csv = ['STT,Họ tên,Thôn,Số tiền,Ngày,Hình thức']
    for (let i = 1; i <= rows; i++) {
      csv.push(`${i},Người bị cắt điện ${i},Thôn Một,"100.000",05/03/2026,Tiền mặt`)
    }
    const preview = await previewImport(Buffer.from(csv.join('\n')), 'cat-dien.csv')
    assert.equal(preview.parsed.validCount, rows)
    const treasurer = await makeUser('treasurer')
    const donationsBefore = Number((await db.from('donations').count('* as n'))[0].n)

    server = spawn(
      process.execPath,
      ['--import=ts-node-maintained/register/esm', 'bin/server.js'],
      {
        cwd: app.makePath(),
        env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'test' },
        stdio: 'ignore',
      }
    )
    const browser = new Browser(`http://127.0.0.1:${PORT}`)
    for (let i = 0; i < 120; i++) {
      const up = await browser.request('/healthz').catch(() => null)
      if (up?.ok) break
      await sleep(500)
    }
    const login = await browser.form('/login', {
      email: treasurer.email,
      password: 'mat-khau-du-dai',
      _csrf: await browser.csrf('/login'),
    })
    assert.equal(login.status, 302)
    const token = await browser.csrf('/donation-imports/create')
    const posting = browser
      .form('/donation-imports', {
        _csrf: token,
        token: preview.token,
        filename: 'cat-dien.csv',
        expected_count: String(rows),
        expected_total: String(preview.parsed.validTotal),
      })
      .catch(() => null)

    // Wait until the server is inside its transaction writing donations, then cut it.
    let writing = false
    for (let i = 0; i < 200 && !writing; i++) {
      const active = await db.rawQuery(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state = 'active' AND query ILIKE 'insert into%donations%'`
      )
      writing = active.rows[0].n > 0
      if (!writing) await sleep(25)
    }
    server.kill('SIGKILL')
    await posting
    assert.isTrue(writing, 'the server was killed while writing the import')

    // PostgreSQL rolls the dead connection's transaction back.
    await sleep(1000)
    const donationsAfter = Number((await db.from('donations').count('* as n'))[0].n)
    assert.include([donationsBefore, donationsBefore + rows], donationsAfter)
    const donors = Number(
      (await db.from('donors').where('name', 'like', 'Người bị cắt điện %').count('* as n'))[0].n
    )
    assert.include([0, rows], donors)
    const batches = await db.from('donation_batches').where('source_sha256', preview.token)
    assert.include([0, 1], batches.length)
    if (batches.length) assert.equal(donationsAfter - donationsBefore, rows)
  })
    .timeout(180_000)
    .teardown(() => {
      server?.kill('SIGKILL')
    })
})
