import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    limit: '1mb',
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json'],
  },
  /**
   * Uploads (invoices, consent scans, photos) are at most 10 MB each; each feature checks
   * the content type from the file's bytes, not from its name.
   */
  multipart: {
    // Never here, before login: the routes that take files parse them with the `upload`
    // middleware after their own checks, each with its own limit (start/routes).
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '25mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
