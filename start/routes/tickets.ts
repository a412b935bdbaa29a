import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

import { TICKET_STEP_MATCHER } from '#actions/tickets/ticket_steps'

const TicketsController = () => import('#controllers/tickets/tickets_controller')
const TicketPhotosController = () => import('#controllers/tickets/ticket_photos_controller')
const SchedulesController = () => import('#controllers/tickets/schedules_controller')
const SettingsController = () => import('#controllers/tickets/maintenance_settings_controller')

router
  .group(() => {
    router.get('/tickets', [TicketsController, 'board']).as('tickets.board')
    router.post('/tickets', [TicketsController, 'store']).as('tickets.store')
    router
      .get('/tickets/:id', [TicketsController, 'show'])
      .where('id', router.matchers.number())
      .as('tickets.show')
    router
      .post('/tickets/:id/:step', [TicketsController, 'step'])
      .where('id', router.matchers.number())
      .where('step', TICKET_STEP_MATCHER)
      .as('tickets.step')
    router
      .post('/tickets/:id/photos', [TicketPhotosController, 'store'])
      .where('id', router.matchers.number())
      .as('tickets.photos.store')
      .use(middleware.upload({ limit: '12mb' }))
    router
      .get('/tickets/:id/photos/:photoId', [TicketPhotosController, 'show'])
      .where('id', router.matchers.number())
      .where('photoId', router.matchers.number())
      .as('tickets.photos.show')

    router.get('/maintenance/schedules', [SchedulesController, 'index']).as('schedules.index')
    router.post('/maintenance/schedules', [SchedulesController, 'store']).as('schedules.store')
    router
      .get('/maintenance/schedules/:id/edit', [SchedulesController, 'edit'])
      .where('id', router.matchers.number())
      .as('schedules.edit')
    router
      .post('/maintenance/schedules/:id', [SchedulesController, 'update'])
      .where('id', router.matchers.number())
      .as('schedules.update')
    router.get('/maintenance/settings', [SettingsController, 'edit']).as('maintenance.settings')
    router
      .post('/maintenance/settings', [SettingsController, 'update'])
      .as('maintenance.settings.update')
  })
  .use(middleware.auth())
