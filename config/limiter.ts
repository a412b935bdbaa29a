import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Counters live in PostgreSQL so that they survive a restart of the web process.
 */
const limiterConfig = defineConfig({
  default: 'database',
  stores: {
    database: stores.database({ connectionName: 'limiter', tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
