import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { benchCameras } from '#bench/recorder_support'

/**
 * A year of a busy programme in the benchmark database (bench:report, bench:web): `donations`
 * donors with one donation each, 2,000 paid expenses, 200 cameras, 1,000 tickets, and one
 * recording run per camera per day for 365 days. Returns the treasurer who entered it all.
 */
export async function seedBusyYear(donations: number) {
  const user = await User.create({
    fullName: 'Thủ quỹ bench',
    email: 'thu.quy.bench@xa.test',
    password: 'mat-khau-du-dai',
    role: 'treasurer',
    locale: 'vi',
    passwordChangeRequired: false,
  })
  const fund = await db.from('funds').where('is_default', true).firstOrFail()
  await db.rawQuery(
    `INSERT INTO donors (kind, name, name_normalized, village, created_at, updated_at)
     SELECT 'individual', 'Người ủng hộ số ' || i, 'nguoi ung ho so ' || i,
            'Thôn ' || (i % 12), now(), now()
       FROM generate_series(1, ?) i`,
    [donations]
  )
  await db.rawQuery(
    `INSERT INTO donations (kind, receipt_no, donor_id, fund_id, amount, received_on, method, entered_by)
     SELECT 'donation', 'PT-2026-' || lpad(d.id::text, 6, '0'), d.id, ?, (1 + d.id % 50) * 100000,
            date '2026-01-01' + (d.id % 300), 'cash', ?
       FROM donors d`,
    [fund.id, user.id]
  )
  await db.rawQuery(
    `INSERT INTO budget_lines (fund_id, name, approved_amount, created_at, updated_at)
     SELECT ?, 'Khoản mục ' || i, 100000000, now(), now() FROM generate_series(1, 20) i`,
    [fund.id]
  )
  await db.rawQuery(
    `INSERT INTO expenses (budget_line_id, payee, description, amount, spent_on, status,
                           created_by, approved_by, approved_at, paid_by, paid_at)
     SELECT (SELECT min(id) FROM budget_lines) + i % 20, 'Nhà cung cấp ' || (i % 40),
            'Khoản chi số ' || i, 150000 + i * 1000, date '2026-01-01' + (i % 300), 'paid',
            ?, ?, now(), ?, now()
       FROM generate_series(1, 2000) i`,
    [user.id, user.id, user.id]
  )
  const cameraIds = await benchCameras(200, (n) => `rtsp://127.0.0.1:1/cam${n}`)
  await db.rawQuery(
    `INSERT INTO maintenance_tickets (camera_id, source, category, kind, priority, title, status,
                                      opened_at, resolved_at, created_at, updated_at)
     SELECT c[1 + i % 200], 'staff',
            (ARRAY['power_cut','network','weather','hardware','vandalism','other'])[1 + i % 6],
            'corrective', 'normal', 'Phiếu số ' || i, 'resolved',
            timestamp '2026-01-01' + (i % 300) * interval '1 day',
            timestamp '2026-01-01' + (i % 300) * interval '1 day' + interval '5 hours', now(), now()
       FROM generate_series(1, 1000) i, (SELECT ?::int[] AS c) x`,
    [`{${cameraIds.join(',')}}`]
  )
  await db.rawQuery(
    `INSERT INTO recording_runs (camera_id, started_at, ended_at, end_reason)
     SELECT c, timestamptz '2025-12-31 17:00:00+00' + d * interval '1 day',
            timestamptz '2025-12-31 17:00:00+00' + d * interval '1 day' + interval '23 hours 30 minutes',
            'unreachable'
       FROM unnest(?::int[]) c, generate_series(0, 364) d`,
    [`{${cameraIds.join(',')}}`]
  )
  await db.rawQuery('ANALYZE')
  return { user, cameraIds }
}
