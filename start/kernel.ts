/*
| HTTP middleware. Server middleware run for every request (static files included);
| router middleware run once a route matched; named middleware are applied per route.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/https_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('@adonisjs/static/static_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/detect_user_locale_middleware'),
  () => import('#middleware/reject_control_characters_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  upload: () => import('#middleware/upload_middleware'),
  faultReportLimit: () => import('#middleware/fault_report_limit_middleware'),
})
