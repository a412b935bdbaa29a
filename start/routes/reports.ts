import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const UpkeepController = () => import('#controllers/reports/upkeep_controller')
const PoliceMonthController = () => import('#controllers/reports/police_month_controller')
const CommitteeReportsController = () => import('#controllers/reports/committee_reports_controller')

router
  .group(() => {
    router.get('/reports', [CommitteeReportsController, 'index']).as('reports.index')
    router.get('/reports/upkeep', [UpkeepController, 'show']).as('reports.upkeep')
    router.get('/reports/police-month', [PoliceMonthController, 'show']).as('reports.police_month')
    router
      .get('/reports/committee.xlsx', [CommitteeReportsController, 'xlsx'])
      .as('reports.committee_xlsx')
    router
      .get('/reports/committee', [CommitteeReportsController, 'form'])
      .as('reports.committee_form')
    router
      .post('/reports/committee', [CommitteeReportsController, 'print'])
      .as('reports.committee_print')
    router
      .get('/reports/history/:id/download', [CommitteeReportsController, 'download'])
      .where('id', router.matchers.number())
      .as('reports.download')
  })
  .use(middleware.auth())
