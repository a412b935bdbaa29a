import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import BudgetLine from '#models/budget_line'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { sampleUser } from '#actions/demo/seed_sample_donations'
import { systemActor } from '#services/audit'
import { spreadExactly } from '#services/spread'

/** The report's spending (shared/domain, section III.2): 133,812,000 đ in all. */
export const SAMPLE_SPENT = 133_812_000

const LINES = [
  { name: 'Lắp đặt 26 camera', approved: 128_690_000 },
  { name: 'Điện chiếu sáng', approved: 3_822_000 },
  { name: 'Biển báo', approved: 1_300_000 },
  { name: 'Duy tu, bảo dưỡng', approved: 0 },
]

const EXPENSES = [
  {
    line: 'Lắp đặt 26 camera',
    payee: 'Đơn vị thi công theo hợp đồng (mẫu)',
    description: 'Lắp đặt 26 camera an ninh (hợp đồng đính kèm báo cáo)',
    amount: 128_690_000,
    spentOn: '2026-05-10',
    contractNo: 'HĐ-01/2026 (mẫu)',
    cameras: 26,
  },
  {
    line: 'Điện chiếu sáng',
    payee: 'Các hộ và đơn vị điện lực (mẫu)',
    description:
      'Điện chiếu sáng cho camera ban đêm: đường 628, dọc đường sắt, đường ra nghĩa trang',
    amount: 3_822_000,
    spentOn: '2026-05-20',
    voucherNo: 'PC-02/2026 (mẫu)',
  },
  {
    line: 'Biển báo',
    payee: 'Cơ sở in ấn quảng cáo (mẫu)',
    description: 'Biển báo khu vực có camera an ninh',
    quantity: 10,
    unitPrice: 130_000,
    spentOn: '2026-05-25',
    voucherNo: 'PC-03/2026 (mẫu)',
  },
]

/**
 * The programme's budget lines and its three paid expenses, attributed to disabled sample
 * accounts (entered by the sample treasurer, approved by the sample committee member);
 * the contract is spread over CAM-001..CAM-026. Once only.
 */
export default async function seedSampleSpending() {
  const fund = await Fund.default()
  if (await BudgetLine.query().where('fund_id', fund.id).where('name', LINES[0].name).first()) {
    return { created: 0 }
  }
  const actor = systemActor('Dữ liệu mẫu')
  return db.transaction(async (trx) => {
    const clerk = await sampleUser(trx, 'du-lieu-mau@localhost', 'treasurer', 'Dữ liệu mẫu')
    const committee = await sampleUser(
      trx,
      'ban-chi-dao-mau@localhost',
      'committee',
      'Ban chỉ đạo (dữ liệu mẫu)'
    )
    const lineIds = new Map<string, number>()
    for (const line of LINES) {
      const saved = await saveBudgetLine(
        {
          actor,
          fields: {
            fundId: fund.id,
            name: line.name,
            approvedAmount: line.approved,
            note: 'Dữ liệu mẫu theo báo cáo sơ kết',
            isMaintenance: line.name === 'Duy tu, bảo dưỡng',
          },
        },
        trx
      )
      lineIds.set(line.name, saved.id)
    }
    for (const e of EXPENSES) {
      const amount = e.amount ?? e.quantity! * e.unitPrice!
      const at = DateTime.fromISO(`${e.spentOn}T09:00:00`, { zone: 'Asia/Ho_Chi_Minh' }).toJSDate()
      const [row] = await trx
        .insertQuery()
        .table('expenses')
        .insert({
          kind: 'expense',
          status: 'paid',
          budget_line_id: lineIds.get(e.line),
          payee: e.payee,
          description: e.description,
          quantity: e.quantity ?? null,
          unit_price: e.unitPrice ?? null,
          amount,
          spent_on: e.spentOn,
          contract_no: e.contractNo ?? null,
          voucher_no: e.voucherNo ?? null,
          note: 'Dữ liệu mẫu',
          created_by: clerk.id,
          submitted_by: clerk.id,
          submitted_at: at,
          approved_by: committee.id,
          approved_at: at,
          paid_by: clerk.id,
          paid_at: at,
        })
        .returning(['id', 'amount'])
      if (e.cameras) {
        const shares = spreadExactly(row.amount, e.cameras)
        await trx
          .insertQuery()
          .table('expense_allocations')
          .multiInsert(
            shares.map((share, i) => ({
              expense_id: row.id,
              camera_code: `CAM-${String(i + 1).padStart(3, '0')}`,
              amount: share,
            }))
          )
      }
    }
    return { created: EXPENSES.length }
  })
}
