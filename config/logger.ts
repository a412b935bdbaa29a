import env from '#start/env'
import { defineConfig, targets } from '@adonisjs/core/logger'

/**
 * JSON lines on stdout. Secrets are redacted by path so a careless `logger.info(obj)`
 * cannot leak a password or token.
 */
const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'camera-an-ninh',
      level: env.get('LOG_LEVEL', 'info'),
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.cookie',
          '*.headers.cookie',
        ],
        censor: '[redacted]',
      },
      transport: {
        targets: targets()
          .push(targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
