/*
| Routes, one file per area under start/routes/. Every route is named; the permission
| matrix test enumerates them.
*/
import router from '@adonisjs/core/services/router'

router.where('id', router.matchers.number())

await import('#start/routes/system')
await import('#start/routes/auth')
await import('#start/routes/admin')
await import('#start/routes/profile')
await import('#start/routes/donations')
await import('#start/routes/expenses')
await import('#start/routes/cameras')
await import('#start/routes/tickets')
await import('#start/routes/footage')
await import('#start/routes/reports')
await import('#start/routes/api')
