import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProfileController = () => import('#controllers/profile_controller')

router
  .group(() => {
    router.get('/', [ProfileController, 'show']).as('show')
    router.get('/password', [ProfileController, 'editPassword']).as('password.edit')
    router.put('/password', [ProfileController, 'updatePassword']).as('password.update')
    router.post('/tokens', [ProfileController, 'storeToken']).as('tokens.store')
    router.delete('/tokens/:id', [ProfileController, 'destroyToken']).as('tokens.destroy')
  })
  .prefix('/profile')
  .as('profile')
  .use(middleware.auth())
