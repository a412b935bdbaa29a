import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CamerasController = () => import('#controllers/cameras/cameras_controller')
const OnvifController = () => import('#controllers/cameras/onvif_controller')
const StreamToolsController = () => import('#controllers/cameras/stream_tools_controller')
const HouseholdsController = () => import('#controllers/cameras/households_controller')
const LocationsController = () => import('#controllers/cameras/locations_controller')
const SitePlanController = () => import('#controllers/cameras/site_plan_controller')
const LabelsController = () => import('#controllers/cameras/labels_controller')
const PublicFaultController = () => import('#controllers/public_fault_controller')
const AgreementsController = () => import('#controllers/cameras/camera_agreements_controller')
const SheetController = () => import('#controllers/cameras/camera_sheet_controller')

/** "Báo camera hỏng": the page behind each camera's QR label, for anyone. */
router.get('/bao-hong/:code', [PublicFaultController, 'show']).as('faults.public.show')
router
  .post('/bao-hong/:code', [PublicFaultController, 'store'])
  .as('faults.public.store')
  .use([middleware.faultReportLimit(), middleware.upload({ limit: '12mb' })])

router
  .group(() => {
    router.get('/cameras', [CamerasController, 'index']).as('cameras.index')
    router.get('/cameras/create', [CamerasController, 'create']).as('cameras.create')
    router.post('/cameras', [CamerasController, 'store']).as('cameras.store')
    router.get('/cameras/live', [CamerasController, 'live']).as('cameras.live')
    router.post('/cameras/onvif/probe', [OnvifController, 'probe']).as('cameras.onvif.probe')
    router
      .post('/cameras/stream/preset', [StreamToolsController, 'preset'])
      .as('cameras.stream.preset')
    router.post('/cameras/stream/test', [StreamToolsController, 'test']).as('cameras.stream.test')
    router
      .get('/cameras/onvif/discover', [OnvifController, 'discover'])
      .as('cameras.onvif.discover')
    router.get('/cameras/labels', [LabelsController, 'show']).as('cameras.labels')
    router.get('/cameras/export', [SheetController, 'export']).as('cameras.export')
    router.get('/cameras/import', [SheetController, 'create']).as('cameras.import')
    router
      .post('/cameras/import', [SheetController, 'store'])
      .as('cameras.import.store')
      .use(middleware.upload({ limit: '12mb' }))
    router.get('/cameras/:id', [CamerasController, 'show']).as('cameras.show')
    router.get('/cameras/:id/edit', [CamerasController, 'edit']).as('cameras.edit')
    router.put('/cameras/:id', [CamerasController, 'update']).as('cameras.update')
    router
      .get('/cameras/:id/agreement', [AgreementsController, 'edit'])
      .as('cameras.agreement.edit')
    router
      .put('/cameras/:id/agreement', [AgreementsController, 'update'])
      .as('cameras.agreement.update')
      .use(middleware.upload({ limit: '12mb' }))
    router
      .get('/cameras/:id/agreement/scan', [AgreementsController, 'scan'])
      .as('cameras.agreement.scan')

    router.get('/households', [HouseholdsController, 'index']).as('households.index')
    router.get('/households/create', [HouseholdsController, 'create']).as('households.create')
    router
      .post('/households', [HouseholdsController, 'store'])
      .as('households.store')
      .use(middleware.upload({ limit: '12mb' }))
    router.get('/households/:id/edit', [HouseholdsController, 'edit']).as('households.edit')
    router
      .put('/households/:id', [HouseholdsController, 'update'])
      .as('households.update')
      .use(middleware.upload({ limit: '12mb' }))
    router
      .get('/households/:id/consent-scan', [HouseholdsController, 'consentScan'])
      .as('households.consent_scan')

    router.get('/locations', [LocationsController, 'index']).as('locations.index')
    router.post('/locations', [LocationsController, 'store']).as('locations.store')

    router.get('/site-plan', [SitePlanController, 'show']).as('site_plan.show')
    router.get('/site-plan/image', [SitePlanController, 'image']).as('site_plan.image')
    router
      .post('/site-plan', [SitePlanController, 'upload'])
      .as('site_plan.upload')
      .use(middleware.upload({ limit: '12mb' }))
    router.post('/site-plan/pins', [SitePlanController, 'place']).as('site_plan.place')
  })
  .use(middleware.auth())
