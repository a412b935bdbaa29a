import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Camera from '#models/camera'
import BudgetLine from '#models/budget_line'
import Fund from '#models/fund'
import seedSampleDonations from '#actions/demo/seed_sample_donations'
import seedSampleSpending from '#actions/demo/seed_sample_spending'
import seedSampleCameras from '#actions/demo/seed_sample_cameras'
import seedNextSteps from '#actions/demo/seed_next_steps'
import { todayIso } from '#services/dates'
import createSupportRun from '#actions/support/create_support_run'
import { parseSupportMonth } from '#services/support/support_month'
import { createBatch } from '#actions/donation_batches/batch_actions'
import { confirmImport, previewImport } from '#actions/donation_imports/import_donation_list'
import { createExpense } from '#actions/expenses/save_expense'
import { approveExpense, submitExpense } from '#actions/expenses/workflow'
import { openTicket } from '#actions/tickets/ticket_workflow'
import { saveSchedule } from '#actions/tickets/preventive_schedules'
import { addClips, createCase } from '#actions/evidence/cases'
import reportFault from '#actions/fault_reports/report_fault'
import { ROLES, type Role } from '#services/roles'
import { actorFromUser } from '#tests/helpers'

/** Vietnamese names for the sweep's users: the page checks read every word on the page. */
const NAMES: Record<Role, string> = {
  admin: 'Trần Quản Trị',
  treasurer: 'Lê Thị Thu',
  committee: 'Phạm Văn Chỉ',
  technician: 'Võ Văn Kỹ',
  operator: 'Đỗ Công An',
  viewer: 'Ngô Thị Xem',
}

/**
 * A programme with one of everything a page can show: the sample donations, spending and
 * 26 cameras, plus a batch, an expense waiting for approval and one waiting for payment, an
 * open ticket with a household's fault report, a schedule, an evidence case, and a day of
 * recording with a gap. Runs inside the sweep's global transaction.
 */
export async function seedSweepData() {
  const users = new Map<Role, User>()
  for (const role of ROLES) {
    users.set(
      role,
      await User.create({
        fullName: NAMES[role],
        email: `quet.${role}@xa.test`,
        password: 'mat-khau-du-dai',
        role,
        locale: 'vi',
        passwordChangeRequired: false,
      })
    )
  }
  await seedSampleDonations()
  await seedSampleSpending()
  await seedSampleCameras()
  await seedNextSteps()

  const treasurer = actorFromUser(users.get('treasurer')!)
  const committee = actorFromUser(users.get('committee')!)
  const technician = actorFromUser(users.get('technician')!)
  const operator = actorFromUser(users.get('operator')!)

  const fund = await Fund.query().orderBy('id').firstOrFail()
  // An Excel import with a donor who asked not to be named.
  const list =
    '\ufeffHọ tên;Thôn;Số tiền;Ngày;Ghi chú\r\n' +
    'Đặng Văn Lực;An Đại 1;300.000;02/03/2026;Chuyển khoản\r\n' +
    'Mai Thị Hạnh;Chợ Tre;200.000;03/03/2026;Xin ẩn danh\r\n'
  const preview = await previewImport(Buffer.from(list), 'danh-sach-thang-3.csv')
  await confirmImport({
    actor: treasurer,
    token: preview.token,
    filename: preview.filename,
    fundId: fund.id,
    expectedCount: preview.parsed.validCount,
    expectedTotal: preview.parsed.validTotal,
  })

  await createBatch({
    actor: treasurer,
    label: 'Hòm ủng hộ thôn An Đại 1',
    fundId: fund.id,
    expectedCount: 2,
    expectedTotal: 700_000,
  })

  const line = await BudgetLine.query().where('is_maintenance', true).firstOrFail()
  const waiting = await createExpense({
    actor: treasurer,
    fields: {
      budgetLineId: line.id,
      payee: 'Cửa hàng điện Minh Phát',
      description: 'Thay nguồn camera Tỉnh lộ 628',
      amount: 450_000,
      spentOn: '2026-06-02',
    },
  })
  await submitExpense({ actor: treasurer, expenseId: waiting.id })
  const toPay = await createExpense({
    actor: treasurer,
    fields: {
      budgetLineId: line.id,
      payee: 'Cửa hàng điện Minh Phát',
      description: 'Dây điện chống nước',
      amount: 320_000,
      spentOn: '2026-06-03',
    },
  })
  await submitExpense({ actor: treasurer, expenseId: toPay.id })
  await approveExpense({ actor: committee, expenseId: toPay.id })
  const draft = await createExpense({
    actor: technician,
    fields: {
      budgetLineId: line.id,
      payee: 'Anh Hùng thợ điện',
      description: 'Công sửa camera thôn Năng Tây 3 (nháp)',
      amount: 200_000,
      spentOn: '2026-06-04',
    },
  })

  // Last month's household support, made and waiting for approval (this month stays due).
  await createSupportRun({
    actor: treasurer,
    month: parseSupportMonth(DateTime.now().minus({ months: 1 }).toFormat('yyyy-MM'))!,
    budgetLineId: line.id,
  })

  // Two of the sample cameras (other tests may have left cameras of their own, retired).
  const [camera, second] = await Camera.query()
    .whereIn('code', ['CAM-001', 'CAM-002'])
    .orderBy('code')
  await reportFault({
    cameraId: camera.id,
    description: 'Camera không sáng đèn từ tối qua',
    phone: '0912345678',
    ip: '127.0.0.1',
  })
  await openTicket({
    actor: technician,
    fields: {
      cameraId: second.id,
      source: 'staff',
      category: 'weather',
      title: 'Camera bị nước mưa vào',
    },
  })
  await saveSchedule({
    actor: technician,
    fields: {
      title: 'Lau ống kính định kỳ',
      cameraId: camera.id,
      intervalCount: 3,
      intervalUnit: 'months',
      anchorOn: '2026-07-01',
      active: true,
    },
  })
  await createCase({
    actor: operator,
    fields: {
      caseNumber: 'VV-12/2026',
      caseType: 'traffic_accident',
      description: 'Va chạm xe máy tại ngã ba chợ Tre',
      requestingAgency: 'Công an huyện',
      requestingPerson: 'Thượng úy Nguyễn Văn Bình',
      requestedOn: '2026-06-05',
    },
  })
  await recordYesterday(camera.id)
  // A request this month whose window runs into yesterday's gap (the police chief's month).
  const yesterday = new Date()
  yesterday.setUTCDate(yesterday.getUTCDate() - 1)
  const gapCase = await createCase({
    actor: operator,
    fields: {
      caseNumber: 'VV-13/2026',
      caseType: 'theft',
      description: 'Mất trộm xe đạp trước cửa hàng',
      requestingAgency: 'Công an xã',
      requestedOn: todayIso(),
      requestingPerson: 'Trung úy Lê Văn Hải',
    },
  })
  await addClips({
    actor: operator,
    caseId: gapCase.id,
    cameraIds: [camera.id],
    startsAt: new Date(yesterday.setUTCHours(1, 30, 0, 0)),
    endsAt: new Date(yesterday.setUTCHours(2, 30, 0, 0)),
  })
  // A recorder that stopped beating five minutes ago: the admin's dashboard must say so.
  await db.table('recorder_nodes').insert({
    id: 'tram-quet',
    hostname: 'may-ghi-cong-an',
    pid: 4242,
    started_at: new Date(Date.now() - 3_600_000),
    last_beat_at: new Date(Date.now() - 300_000),
  })
  // Second records whose pages hold links the first ones do not: the shop's connected
  // camera (its agreement) and the technician's draft (its edit form).
  const connected = await Camera.query().where('owner_kind', 'business').firstOrFail()
  const cameraPage = `/cameras/${connected.id}`
  const draftPage = `/expenses/${draft.id}`
  const extraPages: Partial<Record<Role, string[]>> = {
    admin: [cameraPage, draftPage],
    committee: [cameraPage, draftPage],
    technician: [cameraPage, draftPage],
    operator: [cameraPage],
    viewer: [cameraPage, draftPage],
    treasurer: [draftPage],
  }
  return { users, cameraId: camera.id, extraPages }
}

/** Two runs of index rows yesterday with an hour's gap between them (files are not needed). */
async function recordYesterday(cameraId: number) {
  const day = new Date()
  day.setUTCDate(day.getUTCDate() - 1)
  day.setUTCHours(1, 0, 0, 0)
  const runs = [
    { from: 0, to: 3600, reason: 'unreachable' },
    { from: 7200, to: 10800, reason: 'stalled' },
  ]
  for (const r of runs) {
    const [run] = await db
      .table('recording_runs')
      .insert({
        camera_id: cameraId,
        started_at: new Date(day.getTime() + r.from * 1000),
        ended_at: new Date(day.getTime() + r.to * 1000),
        end_reason: r.reason,
      })
      .returning('id')
    for (let at = r.from; at < r.to; at += 600) {
      const startedAt = new Date(day.getTime() + at * 1000)
      await db.table('recording_segments').insert({
        camera_id: cameraId,
        run_id: Number(run.id ?? run),
        started_at: startedAt,
        ended_at: new Date(startedAt.getTime() + 600_000),
        duration_ms: 600_000,
        bytes: 150_000_000,
        path: `/khong-co/quet/${cameraId}/${at}.ts`,
        sha256: 'a'.repeat(64),
        video_codec: 'h264',
        width: 1920,
        height: 1080,
      })
    }
  }
}
