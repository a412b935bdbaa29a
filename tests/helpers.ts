import type { Assert } from '@japa/assert'
import type { BrowserContext, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type { Role } from '#services/roles'
import { createDonor, type DonorFields } from '#actions/donors/save_donor'
import RecordDonation from '#actions/donations/record_donation'
import type { DonationMethod } from '#models/donation'
import { systemActor } from '#services/audit'

let counter = 0

const ROLE_WORDS: Record<Role, string> = {
  admin: 'quản trị',
  treasurer: 'thủ quỹ',
  committee: 'ban chỉ đạo',
  technician: 'kỹ thuật',
  operator: 'công an',
  viewer: 'người xem',
}

/** A user of the given role with a known password (no one-time password to change). */
export async function makeUser(
  role: Role,
  overrides: Partial<{ email: string; password: string; locale: 'vi' | 'en' }> = {}
) {
  counter++
  return User.create({
    // A Vietnamese name: the page sweep reads every word of the pages that list users.
    fullName: `Người dùng ${ROLE_WORDS[role]} ${counter}`,
    email: overrides.email ?? `${role}${counter}-${Date.now()}@xa.test`,
    password: overrides.password ?? 'mat-khau-du-dai',
    role,
    locale: overrides.locale ?? 'vi',
    passwordChangeRequired: false,
  })
}

/**
 * Asserts that PostgreSQL refuses UPDATE, DELETE and TRUNCATE on an append-only row.
 * Each attempt runs in its own savepoint so the refusal does not end the test transaction.
 */
export async function assertAppendOnly(assert: Assert, table: string, id: number) {
  const attempts = [
    (trx: any) => trx.from(table).where('id', id).update({ id }),
    (trx: any) => trx.from(table).where('id', id).delete(),
    (trx: any) => trx.rawQuery(`TRUNCATE ${table} CASCADE`),
  ]
  for (const attempt of attempts) {
    await assert.rejects(() => db.transaction((trx) => attempt(trx)), /append-only/)
  }
}

/** A donor on the list (duplicate check skipped), as the treasurer would add it. */
export async function makeDonor(fields: Partial<DonorFields> = {}) {
  counter++
  return createDonor({
    actor: systemActor('test'),
    confirmDuplicate: true,
    fields: { kind: 'individual', name: `Người ủng hộ ${counter}`, ...fields },
  })
}

/** A recorded donation (cash, camera fund unless given). */
export function recordDonation(
  enteredBy: User,
  donorId: number,
  amount: number,
  extra: Partial<{ receivedOn: string; method: DonationMethod; fundId: number; note: string }> = {}
) {
  return RecordDonation.handle({
    actor: systemActor('test'),
    enteredBy: enteredBy.id,
    donorId,
    amount,
    receivedOn: extra.receivedOn ?? '2026-03-15',
    method: extra.method ?? 'cash',
    fundId: extra.fundId,
    note: extra.note,
    inKindDescription: extra.method === 'in_kind' ? 'Hiện vật' : null,
  })
}

/** Number of rows in a table matching `where`. */
export async function countRows(table: string, where: Record<string, unknown> = {}) {
  const [row] = await db.from(table).where(where).count('* as total')
  return Number(row.total)
}

/**
 * Removes donations a test had to commit for real (parallel requests cannot share the
 * global test transaction), by their year, with the receipt counter of that year. The
 * append-only trigger is switched off only inside this one clean-up transaction.
 */
export async function removeCommittedDonations(year: number, donorIds: number[] = []) {
  await db.transaction(async (trx) => {
    await trx.rawQuery('ALTER TABLE donations DISABLE TRIGGER USER')
    await trx
      .from('donations')
      .whereBetween('received_on', [`${year}-01-01`, `${year}-12-31`])
      .delete()
    await trx.rawQuery('ALTER TABLE donations ENABLE TRIGGER USER')
    await trx.from('receipt_sequences').where('year', year).delete()
    if (donorIds.length) await trx.from('donors').whereIn('id', donorIds).delete()
  })
}

/** The audit actor for work a test does as `user`. */
export function actorFromUser(user: User) {
  return { id: user.id, label: `${user.fullName} <${user.email}>`, ip: '127.0.0.1' }
}

/**
 * Signs in through the real login page in Chromium (every test user's password is
 * `mat-khau-du-dai`) and returns the page on the dashboard.
 */
export async function signIn(visit: (url: string) => Promise<Page>, email: string) {
  const page = await visit('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL((url) => url.pathname === '/')
  return page
}

/** One signed-up user and one API token per role (the permission and hostile-input sweeps). */
export async function usersForEveryRole() {
  const { ROLES } = await import('#services/roles')
  const users = new Map<Role, User>()
  const tokens = new Map<Role, string>()
  for (const role of ROLES) {
    const { user, token } = await userWithToken(role)
    users.set(role, user)
    tokens.set(role, token)
  }
  return { users, tokens }
}

/** A user of `role` and a bearer token for the JSON API. */
export async function userWithToken(role: Role) {
  const user = await makeUser(role)
  return { user, token: (await User.accessTokens.create(user)).value!.release() }
}

/**
 * Signs in through the login form in a new page of `context`, at a desk (1280 px) or on a
 * phone (375 px), and returns the page on the dashboard.
 */
export async function signInAt(context: BrowserContext, email: string, width = 1280) {
  const page = await context.newPage()
  await page.setViewportSize({ width, height: width === 375 ? 812 : 900 })
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL((url) => url.pathname === '/')
  return page
}

/** A worksheet's rows as plain values (formula cells give their cached result). */
export function sheetRows(sheet: import('exceljs').Worksheet) {
  const rows: unknown[][] = []
  sheet.eachRow((row) => {
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v: any) => (v && typeof v === 'object' && 'result' in v ? v.result : v))
    )
  })
  return rows
}

/**
 * A camera on its own route and consenting household, registered by a technician
 * (active unless told otherwise).
 */
export async function makeCamera(
  name: string,
  fields: Partial<{
    status: 'active' | 'planned'
    installedOn: string
    mainStreamUrl: string
  }> = {},
  householdFields: { monthlySupport?: number } = {}
) {
  const { default: createLocation } = await import('#actions/locations/save_location')
  const { default: saveHousehold } = await import('#actions/households/save_household')
  const { createCamera } = await import('#actions/cameras/save_camera')
  const actor = actorFromUser(await makeUser('technician'))
  const location = await createLocation({
    actor,
    parentId: null,
    kind: 'route',
    name: `Tuyến ${name}`,
  })
  const household = await saveHousehold({
    actor,
    fields: { headName: `Hộ ${name}`, consentSignedOn: '2026-01-01', ...householdFields },
  })
  return createCamera({
    actor,
    fields: {
      name,
      locationId: location.id,
      householdId: household.id,
      status: 'active',
      ...fields,
    },
  })
}

/** A page's text with tags dropped and spaces collapsed, for reading figures in sentences. */
export function words(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
}
