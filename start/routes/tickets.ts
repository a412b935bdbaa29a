import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TicketsController = () => import('#controllers/tickets/tickets_controller')

router
  .group(() => {
    router.get('/tickets', [TicketsController, 'board']).as('tickets.board')
    router.post('/tickets', [TicketsController, 'store']).as('tickets.store')
    for (const step of ['assign', 'start', 'resolve', 'close', 'cancel'] as const) {
      router.post(`/tickets/:id/${step}`, [TicketsController, step]).as(`tickets.${step}`)
    }
  })
  .use(middleware.auth())
