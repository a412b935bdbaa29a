/**
 * One role per user. Admin may do everything; the rest are the programme's jobs
 * (see shared/domain/README.md).
 */
export const ROLES = [
  'admin',
  'treasurer',
  'committee',
  'technician',
  'operator',
  'viewer',
] as const

export type Role = (typeof ROLES)[number]

export const LOCALES = ['vi', 'en'] as const

export type Locale = (typeof LOCALES)[number]
