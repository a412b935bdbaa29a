import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { ROLES } from '#services/roles'

const fullName = () => vine.string().trim().minLength(2).maxLength(120)
const newPassword = () => vine.string().minLength(10).maxLength(200)

/** Admin creates an account; without a password a one-time one is generated. */
export const createUserValidator = vine.compile(
  vine.object({
    fullName: fullName(),
    email: vine
      .string()
      .trim()
      .toLowerCase()
      .maxLength(254)
      .email({ require_tld: false })
      .unique(async (db, value) => !(await db.from('users').where('email', value).first())),
    role: vine.enum(ROLES),
    password: newPassword().optional(),
  })
)

export type CreateUserPayload = Infer<typeof createUserValidator>

/** Admin changes a name or a role. */
export const updateUserValidator = vine.compile(
  vine.object({
    fullName: fullName(),
    role: vine.enum(ROLES),
  })
)

/** A user replaces their own password. */
export const changePasswordValidator = vine.compile(
  vine.object({
    currentPassword: vine.string().minLength(1).maxLength(200),
    newPassword: newPassword().confirmed({ confirmationField: 'newPasswordConfirmation' }),
  })
)
