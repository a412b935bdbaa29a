import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

import { TICKET_STEP_MATCHER } from '#actions/tickets/ticket_steps'

const TicketsController = () => import('#controllers/tickets/tickets_controller')

router
  .group(() => {
    router.get('/tickets', [TicketsController, 'board']).as('tickets.board')
    router.post('/tickets', [TicketsController, 'store']).as('tickets.store')
    router
      .post('/tickets/:id/:step', [TicketsController, 'step'])
      .where('step', TICKET_STEP_MATCHER)
      .as('tickets.step')
  })
  .use(middleware.auth())
