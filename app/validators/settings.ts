import vine from '@vinejs/vine'

/** The admin's settings form: the address households reach (empty clears it). */
export const publicAddressValidator = vine.compile(
  vine.object({
    public_url: vine
      .string()
      .trim()
      .maxLength(300)
      .url({ require_protocol: true, protocols: ['http', 'https'], require_tld: false })
      .optional(),
  })
)

/** How many H.264 copies for viewing may be made at once (1–32). */
export const transcodingValidator = vine.compile(
  vine.object({
    max_transcodes: vine.number().withoutDecimals().min(1).max(32),
  })
)
