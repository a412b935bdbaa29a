import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const HealthController = () => import('#controllers/health_controller')
const LocaleController = () => import('#controllers/locale_controller')
const DashboardController = () => import('#controllers/dashboard_controller')

router.get('/healthz', [HealthController, 'show']).as('health.show')
router.post('/locale', [LocaleController, 'update']).as('locale.update')
router.get('/', [DashboardController, 'index']).as('dashboard').use(middleware.auth())
