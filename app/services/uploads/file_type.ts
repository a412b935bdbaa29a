/** The document types accepted as evidence, recognised by their first bytes. */
export const DOCUMENT_TYPES = {
  'application/pdf': { ext: 'pdf', magic: [Buffer.from('%PDF-')] },
  'image/jpeg': { ext: 'jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  'image/png': {
    ext: 'png',
    magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  },
} as const

export type DocumentType = keyof typeof DOCUMENT_TYPES

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

/**
 * What a file really is (PDF, JPEG or PNG), from its content; null for anything else,
 * whatever its name says (a program renamed "hoa-don.pdf" is null).
 */
export function sniffDocumentType(head: Buffer): DocumentType | null {
  for (const [type, { magic }] of Object.entries(DOCUMENT_TYPES)) {
    if (magic.some((m) => head.subarray(0, m.length).equals(m))) return type as DocumentType
  }
  return null
}
