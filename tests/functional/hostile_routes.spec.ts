import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import fc from 'fast-check'
import { usersForEveryRole } from '#tests/helpers'
import { ROLES } from '#services/roles'
import { LEAKS, namedRoutes, urlFor } from '#tests/security/route_probe'

/** Field names the app's forms and API use, so payloads reach the validators and beyond. */
const FIELDS = [
  'name',
  'kind',
  'amount',
  'received_on',
  'method',
  'donor_id',
  'fund_id',
  'note',
  'reason',
  'title',
  'description',
  'category',
  'priority',
  'camera_id',
  'location_id',
  'household_id',
  'head_name',
  'status',
  'from',
  'to',
  'from_ms',
  'to_ms',
  'day',
  'email',
  'password',
  'role',
  'payee',
  'spent_on',
  'quantity',
  'unit_price',
  'budget_line_id',
  'approved_amount',
  'case_number',
  'case_type',
  'camera_ids',
  'main_stream_url',
  'interval_days',
  'token',
  'expected_count',
  'expected_total',
  'offline_minutes',
  'x',
  'y',
]

const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(
    '<script>alert(1)</script>',
    "1'; DROP TABLE users;--",
    '9'.repeat(60),
    '-1',
    '2026-02-30',
    'Nguyễn Thị Hằng',
    'ỗ'.repeat(3000),
    ''
  ),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant(null)
)

const payload = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 })

/** Writes that end the caller's session or token: not useful to fuzz. */
const SKIP = new Set(['session.destroy', 'api.v1.auth.token.destroy', 'locale.update'])

/**
 * Every write route of the app (from the router), every role, random payloads built from
 * the app's own field names and hostile values: never a server error, never internals in
 * the reply. (What a refused write changes is checked per feature in hostile_input.spec.)
 */
test.group('Hostile payloads on every write route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('no server error and no leak, for any role', async ({ client, assert }) => {
    const { users, tokens } = await usersForEveryRole()
    const routes = namedRoutes().filter((r) => r.method !== 'GET' && !SKIP.has(r.name))
    assert.isAbove(routes.length, 60)
    const failures: string[] = []
    const samples = fc.sample(payload, {
      numRuns: routes.length * ROLES.length * 3,
      seed: 20261129,
    })
    let k = 0
    for (const route of routes) {
      const url = urlFor(route.pattern)
      const api = url.startsWith('/api/')
      for (const role of ROLES) {
        for (let n = 0; n < 3; n++) {
          const body = samples[k++ % samples.length]
          let request = (client as any)[route.method.toLowerCase()](url).redirects(0)
          request = api
            ? request.bearerToken(tokens.get(role)!).json(body)
            : request.loginAs(users.get(role)!).form(body).withCsrfToken()
          const response = await request
          const text = api ? JSON.stringify(response.body()) : response.text()
          if (response.status() >= 500 || LEAKS.test(text)) {
            failures.push(
              `${role} ${route.method} ${url} ${JSON.stringify(body).slice(0, 200)} → ${response.status()}`
            )
          }
        }
      }
    }
    assert.deepEqual(failures, [])
  }).timeout(300_000)
})
