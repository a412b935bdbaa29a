import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuthTokensController = () => import('#controllers/api/auth_tokens_controller')
const MeController = () => import('#controllers/api/me_controller')
const UsersController = () => import('#controllers/api/users_controller')

router
  .group(() => {
    router.post('/auth/token', [AuthTokensController, 'store']).as('auth.token.store')

    router
      .group(() => {
        router.delete('/auth/token', [AuthTokensController, 'destroy']).as('auth.token.destroy')
        router.get('/me', [MeController, 'show']).as('me.show')
        router.get('/users', [UsersController, 'index']).as('users.index')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api.v1')
