import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuthTokensController = () => import('#controllers/api/auth_tokens_controller')
const MeController = () => import('#controllers/api/me_controller')
const UsersController = () => import('#controllers/api/users_controller')
const DonorsController = () => import('#controllers/api/donors_controller')
const DonationsController = () => import('#controllers/api/donations_controller')
const BudgetController = () => import('#controllers/api/budget_controller')
const ExpensesController = () => import('#controllers/api/expenses_controller')
const CamerasController = () => import('#controllers/api/cameras_controller')
import { TICKET_STEP_MATCHER } from '#actions/tickets/ticket_steps'
const TicketsController = () => import('#controllers/api/tickets_controller')

router
  .group(() => {
    router.post('/auth/token', [AuthTokensController, 'store']).as('auth.token.store')

    router
      .group(() => {
        router.delete('/auth/token', [AuthTokensController, 'destroy']).as('auth.token.destroy')
        router.get('/me', [MeController, 'show']).as('me.show')
        router.get('/users', [UsersController, 'index']).as('users.index')

        router.get('/donors', [DonorsController, 'index']).as('donors.index')
        router.post('/donors', [DonorsController, 'store']).as('donors.store')
        router.get('/donors/:id', [DonorsController, 'show']).as('donors.show')
        router.get('/donations', [DonationsController, 'index']).as('donations.index')
        router.post('/donations', [DonationsController, 'store']).as('donations.store')
        router.get('/donations/:id', [DonationsController, 'show']).as('donations.show')
        router
          .post('/donations/:id/reverse', [DonationsController, 'reverse'])
          .as('donations.reverse')
        router.get('/funds/summary', [DonationsController, 'fundsSummary']).as('funds.summary')

        router.get('/budget-lines', [BudgetController, 'index']).as('budget_lines.index')
        router.post('/budget-lines', [BudgetController, 'store']).as('budget_lines.store')
        router.get('/programme/summary', [BudgetController, 'summary']).as('programme.summary')
        router.get('/locations', [CamerasController, 'locations']).as('locations.index')
        router.post('/locations', [CamerasController, 'storeLocation']).as('locations.store')
        router.get('/households', [CamerasController, 'households']).as('households.index')
        router.post('/households', [CamerasController, 'storeHousehold']).as('households.store')
        router.get('/cameras', [CamerasController, 'index']).as('cameras.index')
        router.post('/cameras', [CamerasController, 'store']).as('cameras.store')
        router.get('/cameras/:id', [CamerasController, 'show']).as('cameras.show')
        router.put('/cameras/:id', [CamerasController, 'update']).as('cameras.update')
        router.get('/expenses', [ExpensesController, 'index']).as('expenses.index')
        router.post('/expenses', [ExpensesController, 'store']).as('expenses.store')
        router.get('/expenses/:id', [ExpensesController, 'show']).as('expenses.show')
        for (const step of ['submit', 'approve', 'pay', 'reject', 'reverse'] as const) {
          router.post(`/expenses/:id/${step}`, [ExpensesController, step]).as(`expenses.${step}`)
        }
        router.get('/tickets', [TicketsController, 'index']).as('tickets.index')
        router.post('/tickets', [TicketsController, 'store']).as('tickets.store')
        router.get('/tickets/stats', [TicketsController, 'stats']).as('tickets.stats')
        router.get('/tickets/:id', [TicketsController, 'show']).as('tickets.show')
        router
          .post('/tickets/:id/:step', [TicketsController, 'step'])
          .where('step', TICKET_STEP_MATCHER)
          .as('tickets.step')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api.v1')
