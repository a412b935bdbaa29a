import Donor from '#models/donor'
import { normalizeName, normalizePhone } from '#services/text_match'

/**
 * Donors that are probably the same person or organisation: the same name once case,
 * diacritics and punctuation are ignored, or the same phone number.
 */
export default async function findLikelyDuplicates(
  input: { name: string; phone?: string | null },
  exceptId?: number
) {
  const normalized = normalizeName(input.name)
  const phone = normalizePhone(input.phone)
  const query = Donor.query().where((q) => {
    q.where('name_normalized', normalized)
    if (phone) q.orWhere('phone', phone)
  })
  if (exceptId) query.whereNot('id', exceptId)
  return query.orderBy('id').limit(10)
}
