import { defineConfig } from '@adonisjs/shield'

/**
 * Every asset is served by the app itself (the monitoring centre may be offline), so the
 * policy allows only 'self'. Inline styles stay allowed for positioned elements (site plan
 * pins, progress bars); inline scripts do not.
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:', 'blob:'],
      mediaSrc: [`'self'`, 'blob:'],
      connectSrc: [`'self'`],
      fontSrc: [`'self'`],
      objectSrc: [`'none'`],
      frameAncestors: [`'none'`],
      formAction: [`'self'`],
      baseUri: [`'self'`],
    },
    reportOnly: false,
  },
  /**
   * The JSON API authenticates with bearer tokens, not cookies, so it needs no CSRF token.
   */
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) => ctx.request.url().startsWith('/api/'),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  // Sent by #middleware/https_middleware, and only under HTTPS.
  hsts: {
    enabled: false,
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
