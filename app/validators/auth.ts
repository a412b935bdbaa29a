import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'

/** Login form and POST /api/v1/auth/token. */
export const loginValidator = vine.compile(
  vine.object({
    email: vine.string().trim().maxLength(254).email({ require_tld: false }),
    password: vine.string().minLength(1).maxLength(200),
  })
)

export type LoginPayload = Infer<typeof loginValidator>

/** Naming a new API token on the profile page. */
export const createTokenValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(60),
  })
)

/** The language switch in the header. */
export const localeValidator = vine.compile(
  vine.object({
    locale: vine.enum(['vi', 'en'] as const),
  })
)
