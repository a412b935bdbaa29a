import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { usersForEveryRole } from '#tests/helpers'
import { ROLES, type Role } from '#services/roles'
import { namedRoutes, urlFor } from '#tests/security/route_probe'

type Who = Role | 'anonymous'

const EVERYONE: Who[] = [...ROLES, 'anonymous']
const SIGNED_IN: Who[] = [...ROLES]
/** Donations and donors: the treasurer writes, these read. */
const MONEY_READERS: Who[] = ['admin', 'treasurer', 'committee', 'viewer']
/** Budget and expenses are also read by technicians (repair costs). */
const SPENDING_READERS: Who[] = ['admin', 'treasurer', 'committee', 'technician', 'viewer']
/** Who may draft an expense (and then edit, submit and document their draft). */
const SPENDERS: Who[] = ['treasurer', 'committee', 'technician']
const CAMERA_READERS: Who[] = ['admin', 'committee', 'technician', 'operator', 'viewer']
const CAMERA_WRITERS: Who[] = ['admin', 'technician']
const TICKET_READERS: Who[] = ['admin', 'committee', 'technician', 'operator']
/** Footage and evidence: the police operator and the admin only. */
const POLICE: Who[] = ['admin', 'operator']
const REPORTERS: Who[] = ['admin', 'treasurer', 'committee']

/**
 * Every named route and who may use it. A route missing here fails the test: a new route
 * gets an explicit decision. Money is written only by the treasurer (the admin manages
 * accounts, not money); approving spending is the committee's; footage is the police's.
 * Decisions that depend on the record (one's own draft, an expense's status) are tested
 * with real records in the feature tests; here every id names nothing, so an allowed role
 * gets "not found" or a validation answer, and any other role must still get 403.
 */
const EXPECTED: Record<string, Who[]> = {
  'health.show': EVERYONE,
  'locale.update': EVERYONE,
  'dashboard': SIGNED_IN,
  'session.create': EVERYONE,
  'session.store': EVERYONE,
  'session.destroy': SIGNED_IN,
  'admin.users.index': ['admin'],
  'admin.users.create': ['admin'],
  'admin.users.store': ['admin'],
  'admin.users.edit': ['admin'],
  'admin.users.update': ['admin'],
  'admin.users.disable': ['admin'],
  'admin.users.enable': ['admin'],
  'admin.users.reset_password': ['admin'],
  'admin.settings.edit': ['admin'],
  'admin.settings.update': ['admin'],
  'admin.settings.transcoding': ['admin'],
  'audit.index': ['admin', 'committee'],
  'profile.show': SIGNED_IN,
  'profile.password.edit': SIGNED_IN,
  'profile.password.update': SIGNED_IN,
  'profile.tokens.store': SIGNED_IN,
  'profile.tokens.destroy': SIGNED_IN,
  'public.finance': EVERYONE,
  'donors.index': MONEY_READERS,
  'donors.create': ['treasurer'],
  'donors.store': ['treasurer'],
  'donors.show': MONEY_READERS,
  'donors.edit': ['treasurer'],
  'donors.update': ['treasurer'],
  'donations.index': MONEY_READERS,
  'donations.create': ['treasurer'],
  'donations.store': ['treasurer'],
  'donations.show': MONEY_READERS,
  'donations.receipt': MONEY_READERS,
  'donations.reverse': ['treasurer'],
  'exports.donations': MONEY_READERS,
  'exports.donors': MONEY_READERS,
  'donation_batches.index': MONEY_READERS,
  'donation_batches.create': ['treasurer'],
  'donation_batches.store': ['treasurer'],
  'donation_batches.show': MONEY_READERS,
  'donation_batches.rows.store': ['treasurer'],
  'donation_batches.rows.destroy': ['treasurer'],
  'donation_batches.close': ['treasurer'],
  'donation_imports.create': ['treasurer'],
  'donation_imports.preview': ['treasurer'],
  'donation_imports.confirm': ['treasurer'],
  'donation_imports.review': ['treasurer'],
  'donation_imports.show': MONEY_READERS,
  'contributions.index': MONEY_READERS,
  'contributions.store': ['committee'],
  'contributions.show': MONEY_READERS,
  'contributions.enrol': ['treasurer', 'committee'],
  'contributions.collection_list': MONEY_READERS,
  'funds.index': MONEY_READERS,
  'funds.store': ['treasurer'],
  'funds.show': MONEY_READERS,
  'funds.edit': ['treasurer'],
  'funds.update': ['treasurer'],
  'budget.index': SPENDING_READERS,
  'budget.create': ['committee'],
  'budget.store': ['committee'],
  'budget.edit': ['committee'],
  'budget.update': ['committee'],
  'support.index': ['admin', 'treasurer', 'committee'],
  'support.store': ['treasurer'],
  'expenses.index': SPENDING_READERS,
  'expenses.create': SPENDERS,
  'expenses.store': SPENDERS,
  'expenses.show': SPENDING_READERS,
  'expenses.edit': SPENDERS,
  'expenses.update': SPENDERS,
  'expenses.destroy': SPENDERS,
  'expenses.submit': SPENDERS,
  'expenses.approve': ['committee'],
  'expenses.reject': ['committee'],
  'expenses.pay': ['treasurer'],
  'expenses.reverse': ['treasurer', 'committee'],
  'expenses.allocate': ['treasurer', 'committee'],
  'expenses.attachments.store': SPENDERS,
  'expenses.attachments.show': SPENDING_READERS,
  'faults.public.show': EVERYONE,
  'faults.public.store': EVERYONE,
  'cameras.index': CAMERA_READERS,
  'cameras.create': CAMERA_WRITERS,
  'cameras.store': CAMERA_WRITERS,
  'cameras.live': CAMERA_READERS,
  'cameras.onvif.probe': CAMERA_WRITERS,
  'cameras.onvif.discover': CAMERA_WRITERS,
  'cameras.stream.preset': CAMERA_WRITERS,
  'cameras.stream.test': CAMERA_WRITERS,
  'cameras.labels': CAMERA_READERS,
  'cameras.export': CAMERA_READERS,
  'cameras.import': CAMERA_WRITERS,
  'cameras.import.store': CAMERA_WRITERS,
  'cameras.show': CAMERA_READERS,
  'cameras.edit': CAMERA_WRITERS,
  'cameras.update': CAMERA_WRITERS,
  'cameras.agreement.edit': CAMERA_WRITERS,
  'cameras.agreement.update': CAMERA_WRITERS,
  'cameras.agreement.scan': ['admin', 'technician', 'operator'],
  'households.index': ['admin', 'technician', 'operator'],
  'households.create': CAMERA_WRITERS,
  'households.store': CAMERA_WRITERS,
  'households.edit': CAMERA_WRITERS,
  'households.update': CAMERA_WRITERS,
  'households.consent_scan': ['admin', 'technician', 'operator'],
  'locations.index': CAMERA_READERS,
  'locations.store': CAMERA_WRITERS,
  'site_plan.show': CAMERA_READERS,
  'site_plan.image': CAMERA_READERS,
  'site_plan.upload': ['admin'],
  'site_plan.place': CAMERA_WRITERS,
  'tickets.board': TICKET_READERS,
  'tickets.store': ['admin', 'technician', 'operator'],
  'tickets.show': TICKET_READERS,
  'tickets.step': TICKET_READERS,
  'tickets.photos.store': ['admin', 'technician', 'operator'],
  'tickets.photos.show': TICKET_READERS,
  'schedules.index': TICKET_READERS,
  'schedules.store': CAMERA_WRITERS,
  'schedules.edit': CAMERA_WRITERS,
  'schedules.update': CAMERA_WRITERS,
  'maintenance.settings': ['admin'],
  'maintenance.settings.update': ['admin'],
  'footage.live': POLICE,
  'footage.live_one': POLICE,
  'footage.live_playlist': POLICE,
  'footage.live_segment': POLICE,
  'footage.playback': POLICE,
  'footage.playlist': POLICE,
  'footage.evidence': POLICE,
  'footage.pick': POLICE,
  'footage.recover': POLICE,
  'footage.segment': POLICE,
  'footage.segment_rendition': POLICE,
  'evidence.index': POLICE,
  'evidence.store': POLICE,
  'evidence.verify': POLICE,
  'evidence.verify.check': POLICE,
  'evidence.show': POLICE,
  'evidence.clips': POLICE,
  'evidence.close': POLICE,
  'evidence.export': POLICE,
  'evidence.export_status': POLICE,
  'evidence.download': POLICE,
  'vendor': EVERYONE,
  'reports.upkeep': REPORTERS,
  'reports.police_month': ['admin', 'committee', 'operator'],
  'reports.index': REPORTERS,
  'reports.committee_xlsx': REPORTERS,
  'reports.committee_form': REPORTERS,
  'reports.committee_print': REPORTERS,
  'reports.download': REPORTERS,
  'api.v1.auth.token.store': EVERYONE,
  'api.v1.me.show': SIGNED_IN,
  'api.v1.users.index': ['admin'],
  'api.v1.donors.index': MONEY_READERS,
  'api.v1.donors.store': ['treasurer'],
  'api.v1.donors.show': MONEY_READERS,
  'api.v1.donations.index': MONEY_READERS,
  'api.v1.donations.store': ['treasurer'],
  'api.v1.donations.show': MONEY_READERS,
  'api.v1.donations.reverse': ['treasurer'],
  'api.v1.funds.summary': MONEY_READERS,
  'api.v1.budget_lines.index': SPENDING_READERS,
  'api.v1.budget_lines.store': ['committee'],
  'api.v1.programme.summary': SPENDING_READERS,
  'api.v1.locations.index': CAMERA_READERS,
  'api.v1.locations.store': CAMERA_WRITERS,
  'api.v1.households.index': ['admin', 'technician', 'operator'],
  'api.v1.households.store': CAMERA_WRITERS,
  'api.v1.cameras.index': CAMERA_READERS,
  'api.v1.cameras.store': CAMERA_WRITERS,
  'api.v1.cameras.show': CAMERA_READERS,
  'api.v1.cameras.update': CAMERA_WRITERS,
  'api.v1.expenses.index': SPENDING_READERS,
  'api.v1.expenses.store': SPENDERS,
  'api.v1.expenses.show': SPENDING_READERS,
  'api.v1.expenses.submit': SPENDERS,
  'api.v1.expenses.approve': ['committee'],
  'api.v1.expenses.pay': ['treasurer'],
  'api.v1.expenses.reject': ['committee'],
  'api.v1.expenses.reverse': ['treasurer', 'committee'],
  'api.v1.tickets.index': TICKET_READERS,
  'api.v1.tickets.store': ['admin', 'technician', 'operator'],
  'api.v1.tickets.stats': TICKET_READERS,
  'api.v1.tickets.show': TICKET_READERS,
  'api.v1.tickets.step': TICKET_READERS,
  'api.v1.auth.token.destroy': SIGNED_IN,
}

test.group('Permission matrix: every named route × every role', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every named route has an entry, and every entry is a route', ({ assert }) => {
    const names = namedRoutes().map((r) => r.name)
    assert.deepEqual(
      names.filter((n) => !(n in EXPECTED)),
      [],
      'routes without an entry in the permission table'
    )
    assert.deepEqual(
      Object.keys(EXPECTED).filter((n) => !names.includes(n)),
      [],
      'entries for routes that no longer exist'
    )
  })

  test('allowed roles get through; every other role gets 403, anonymous the login page or 401', async ({
    client,
    assert,
  }) => {
    const { users, tokens } = await usersForEveryRole()
    // Signing out through the API revokes the token: that route goes last.
    const routes = namedRoutes().sort(
      (a, b) =>
        Number(a.name === 'api.v1.auth.token.destroy') -
        Number(b.name === 'api.v1.auth.token.destroy')
    )
    const wrong: string[] = []
    for (const route of routes) {
      const url = urlFor(route.pattern)
      const api = url.startsWith('/api/')
      const allowed = EXPECTED[route.name] ?? []
      for (const who of EVERYONE) {
        let request = (client as any)[route.method.toLowerCase()](url).redirects(0)
        if (who !== 'anonymous') {
          request = api ? request.bearerToken(tokens.get(who)!) : request.loginAs(users.get(who)!)
        }
        if (!api && route.method !== 'GET') request = request.withCsrfToken()
        const response = await request
        const status: number = response.status()
        const location = response.header('location')
        const said = `${who} ${route.method} ${url} (${route.name}) → ${status}`
        if (status >= 500) wrong.push(`${said}: server error`)
        else if (allowed.includes(who)) {
          // Signing out ends on the login page: that is the route working.
          const toLogin = location === '/login' && route.name !== 'session.destroy'
          if (status === 401 || status === 403 || toLogin) {
            wrong.push(`${said}: should be allowed`)
          }
        } else if (who === 'anonymous') {
          const ok = api ? status === 401 : status === 302 && location === '/login'
          if (!ok) wrong.push(`${said}: anonymous should get ${api ? '401' : 'the login page'}`)
        } else if (status !== 403) {
          wrong.push(`${said}: should be 403`)
        } else if (api) {
          if (!response.body()?.errors) wrong.push(`${said}: 403 without a JSON error`)
        } else if (!response.text().includes('Không có quyền truy cập')) {
          wrong.push(`${said}: 403 page without the Vietnamese message`)
        }
      }
    }
    assert.deepEqual(wrong, [])
  }).timeout(300_000)
})
