import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const UsersController = () => import('#controllers/admin/users_controller')
const SettingsController = () => import('#controllers/admin/settings_controller')
const AuditEventsController = () => import('#controllers/audit_events_controller')

router
  .group(() => {
    router.get('/users', [UsersController, 'index']).as('users.index')
    router.get('/users/create', [UsersController, 'create']).as('users.create')
    router.post('/users', [UsersController, 'store']).as('users.store')
    router.get('/users/:id/edit', [UsersController, 'edit']).as('users.edit')
    router.put('/users/:id', [UsersController, 'update']).as('users.update')
    router.post('/users/:id/disable', [UsersController, 'disable']).as('users.disable')
    router.post('/users/:id/enable', [UsersController, 'enable']).as('users.enable')
    router
      .post('/users/:id/reset-password', [UsersController, 'resetPassword'])
      .as('users.reset_password')
    router.get('/settings', [SettingsController, 'edit']).as('settings.edit')
    router.put('/settings', [SettingsController, 'update']).as('settings.update')
    router
      .put('/settings/transcoding', [SettingsController, 'updateTranscoding'])
      .as('settings.transcoding')
  })
  .prefix('/admin')
  .as('admin')
  .use(middleware.auth())

router.get('/audit', [AuditEventsController, 'index']).as('audit.index').use(middleware.auth())
