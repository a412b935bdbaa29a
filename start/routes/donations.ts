import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DonorsController = () => import('#controllers/donations/donors_controller')
const DonationsController = () => import('#controllers/donations/donations_controller')
const BatchesController = () => import('#controllers/donations/donation_batches_controller')
const ImportsController = () => import('#controllers/donations/donation_imports_controller')
const ExportsController = () => import('#controllers/donations/donation_exports_controller')
const SchemesController = () => import('#controllers/donations/contribution_schemes_controller')
const FundsController = () => import('#controllers/donations/funds_controller')
const PublicFinanceController = () => import('#controllers/public_finance_controller')

/** "Công khai tài chính": open to everyone. */
router.get('/cong-khai', [PublicFinanceController, 'show']).as('public.finance')

router
  .group(() => {
    router.get('/donors', [DonorsController, 'index']).as('donors.index')
    router.get('/donors/create', [DonorsController, 'create']).as('donors.create')
    router.post('/donors', [DonorsController, 'store']).as('donors.store')
    router.get('/donors/:id', [DonorsController, 'show']).as('donors.show')
    router.get('/donors/:id/edit', [DonorsController, 'edit']).as('donors.edit')
    router.put('/donors/:id', [DonorsController, 'update']).as('donors.update')

    router.get('/donations', [DonationsController, 'index']).as('donations.index')
    router.get('/donations/create', [DonationsController, 'create']).as('donations.create')
    router.post('/donations', [DonationsController, 'store']).as('donations.store')
    router.get('/donations/:id', [DonationsController, 'show']).as('donations.show')
    router.get('/donations/:id/receipt', [DonationsController, 'receipt']).as('donations.receipt')
    router.post('/donations/:id/reverse', [DonationsController, 'reverse']).as('donations.reverse')

    router
      .get('/exports/donations/:format', [ExportsController, 'donations'])
      .where('format', /^(xlsx|csv)$/)
      .as('exports.donations')
    router
      .get('/exports/donors/:format', [ExportsController, 'donors'])
      .where('format', /^(xlsx|csv)$/)
      .as('exports.donors')

    router.get('/donation-batches', [BatchesController, 'index']).as('donation_batches.index')
    router
      .get('/donation-batches/create', [BatchesController, 'create'])
      .as('donation_batches.create')
    router.post('/donation-batches', [BatchesController, 'store']).as('donation_batches.store')
    router.get('/donation-batches/:id', [BatchesController, 'show']).as('donation_batches.show')
    router
      .post('/donation-batches/:id/rows', [BatchesController, 'addRow'])
      .as('donation_batches.rows.store')
    router
      .delete('/donation-batches/:id/rows/:rowId', [BatchesController, 'removeRow'])
      .where('rowId', router.matchers.number())
      .as('donation_batches.rows.destroy')
    router
      .post('/donation-batches/:id/close', [BatchesController, 'close'])
      .as('donation_batches.close')

    router
      .get('/donation-imports/create', [ImportsController, 'create'])
      .as('donation_imports.create')
    router
      .post('/donation-imports/preview', [ImportsController, 'preview'])
      .as('donation_imports.preview')
      .use(middleware.upload({ limit: '12mb' }))
    router
      .get('/donation-imports/preview', [ImportsController, 'review'])
      .as('donation_imports.review')
    router.post('/donation-imports', [ImportsController, 'confirm']).as('donation_imports.confirm')
    router
      .get('/donation-imports/:id', [ImportsController, 'show'])
      .where('id', router.matchers.number())
      .as('donation_imports.show')

    router.get('/contributions', [SchemesController, 'index']).as('contributions.index')
    router.post('/contributions', [SchemesController, 'store']).as('contributions.store')
    router
      .get('/contributions/:id', [SchemesController, 'show'])
      .where('id', router.matchers.number())
      .as('contributions.show')
    router
      .post('/contributions/:id/pledges', [SchemesController, 'enrol'])
      .where('id', router.matchers.number())
      .as('contributions.enrol')
    router
      .get('/contributions/:id/collection-list', [SchemesController, 'collectionList'])
      .where('id', router.matchers.number())
      .as('contributions.collection_list')

    router.get('/funds', [FundsController, 'index']).as('funds.index')
    router.post('/funds', [FundsController, 'store']).as('funds.store')
    router
      .get('/funds/:id', [FundsController, 'show'])
      .where('id', router.matchers.number())
      .as('funds.show')
    router
      .get('/funds/:id/edit', [FundsController, 'edit'])
      .where('id', router.matchers.number())
      .as('funds.edit')
    router
      .put('/funds/:id', [FundsController, 'update'])
      .where('id', router.matchers.number())
      .as('funds.update')
  })
  .use(middleware.auth())
