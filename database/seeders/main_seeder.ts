import { BaseSeeder } from '@adonisjs/lucid/seeders'
import seedSampleDonations, { SAMPLE_TOTAL } from '#actions/demo/seed_sample_donations'
import seedSampleSpending, { SAMPLE_SPENT } from '#actions/demo/seed_sample_spending'
import seedSampleCameras from '#actions/demo/seed_sample_cameras'
import seedNextSteps from '#actions/demo/seed_next_steps'
import { formatMoney } from '#services/money'
import { migrateToLatest } from '#services/migrate'

/** `node ace db:seed`: sample data, clearly flagged, for trying the portal out. */
export default class MainSeeder extends BaseSeeder {
  async run() {
    // Works on a fresh clone too, before the first `npm start`.
    await migrateToLatest()
    const { created } = await seedSampleDonations()
    console.log(
      created > 0
        ? `Đã thêm ${created} người ủng hộ mẫu, tổng ${formatMoney(SAMPLE_TOTAL)}`
        : 'Dữ liệu mẫu đã có, không thêm lại'
    )
    const spending = await seedSampleSpending()
    console.log(
      spending.created > 0
        ? `Đã thêm ${spending.created} khoản chi mẫu đã chi, tổng ${formatMoney(SAMPLE_SPENT)}`
        : 'Khoản chi mẫu đã có, không thêm lại'
    )
    const cameras = await seedSampleCameras()
    console.log(
      cameras.created > 0
        ? `Đã thêm ${cameras.created} camera mẫu ở 6 vị trí`
        : 'Camera mẫu đã có, không thêm lại'
    )
    const next = await seedNextSteps()
    console.log(
      next.created > 0
        ? 'Đã thêm đợt vận động, camera kết nối và đợt đóng góp của hộ dân mẫu'
        : 'Dữ liệu mẫu các bước tiếp theo đã có, không thêm lại'
    )
  }
}
