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
