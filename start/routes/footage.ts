import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FootageController = () => import('#controllers/footage/footage_controller')
const PlaybackEvidenceController = () =>
  import('#controllers/evidence/playback_evidence_controller')
const CasesController = () => import('#controllers/evidence/evidence_cases_controller')
const ExportsController = () => import('#controllers/evidence/evidence_exports_controller')
const EdgeRecoveriesController = () => import('#controllers/footage/edge_recoveries_controller')
const VendorController = () => import('#controllers/vendor_controller')

const id = router.matchers.number()

/** Footage and evidence: ids only, never paths (the matchers refuse anything else). */
router
  .group(() => {
    router.get('/footage/live', [FootageController, 'live']).as('footage.live')
    router
      .get('/footage/live/:id', [FootageController, 'liveOne'])
      .where('id', id)
      .as('footage.live_one')
    router
      .get('/footage/live/:id/:variant/index.m3u8', [FootageController, 'livePlaylist'])
      .where('id', id)
      .where('variant', /^(main|sub)$/)
      .as('footage.live_playlist')
    router
      .get('/footage/live/:id/:variant/:file', [FootageController, 'liveSegment'])
      .where('id', id)
      .where('variant', /^(main|sub)$/)
      .where('file', /^(seg|h264)_\d{5}\.ts$/)
      .as('footage.live_segment')
    router.get('/footage/playback', [FootageController, 'pick']).as('footage.pick')
    router
      .get('/footage/cameras/:id', [FootageController, 'playback'])
      .where('id', id)
      .as('footage.playback')
    router
      .get('/footage/cameras/:id/playlist.m3u8', [FootageController, 'playlist'])
      .where('id', id)
      .as('footage.playlist')
    router
      .post('/footage/cameras/:id/recoveries', [EdgeRecoveriesController, 'store'])
      .where('id', id)
      .as('footage.recover')
    router
      .post('/footage/cameras/:id/evidence', [PlaybackEvidenceController, 'store'])
      .where('id', id)
      .as('footage.evidence')
    router
      .get('/footage/segments/:id', [FootageController, 'segment'])
      .where('id', id)
      .as('footage.segment')
    router
      .get('/footage/segments/:id/h264.ts', [FootageController, 'segmentRendition'])
      .where('id', id)
      .as('footage.segment_rendition')

    router.get('/evidence', [CasesController, 'index']).as('evidence.index')
    router.post('/evidence', [CasesController, 'store']).as('evidence.store')
    router.get('/evidence/verify', [ExportsController, 'verifyForm']).as('evidence.verify')
    router
      .post('/evidence/verify', [ExportsController, 'verify'])
      .as('evidence.verify.check')
      .use(middleware.upload({ limit: '27mb' }))
    router.get('/evidence/:id', [CasesController, 'show']).where('id', id).as('evidence.show')
    router
      .post('/evidence/:id/clips', [CasesController, 'addClips'])
      .where('id', id)
      .as('evidence.clips')
    router
      .post('/evidence/:id/close', [CasesController, 'close'])
      .where('id', id)
      .as('evidence.close')
    router
      .post('/evidence/:id/exports', [CasesController, 'export'])
      .where('id', id)
      .as('evidence.export')
    router
      .get('/evidence/exports/:exportId/status', [ExportsController, 'status'])
      .where('exportId', id)
      .as('evidence.export_status')
    router
      .get('/evidence/exports/:exportId/download', [ExportsController, 'download'])
      .where('exportId', id)
      .as('evidence.download')
  })
  .use(middleware.auth())

/** Browser libraries from node_modules, by name (nothing from a CDN). */
router
  .get('/vendor/:name', [VendorController, 'show'])
  .where('name', /^[a-z0-9.-]+\.js$/)
  .as('vendor')
