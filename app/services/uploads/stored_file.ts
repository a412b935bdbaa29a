import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import app from '@adonisjs/core/services/app'
import {
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  sniffDocumentType,
  type DocumentType,
} from '#services/uploads/file_type'

/** Refused upload; `reason` is an i18n key under `uploads.`. */
export class UploadRefusedError extends Error {
  constructor(public reason: 'type' | 'size' | 'empty') {
    super(reason)
  }
}

/** Where a stored file lives: content-addressed under storage/attachments. */
export function storedFilePath(file: { sha256: string; contentType: string }) {
  const ext = DOCUMENT_TYPES[file.contentType as DocumentType]?.ext ?? 'bin'
  return app.makePath('storage/attachments', file.sha256.slice(0, 2), `${file.sha256}.${ext}`)
}

/**
 * Checks an uploaded file by its content (one of `allowed`, at most `maxBytes`) and keeps
 * it under its SHA-256, written atomically. The caller then records it in the database.
 */
export async function storeUpload(
  tmpPath: string,
  allowed: DocumentType[] = ['application/pdf', 'image/jpeg', 'image/png'],
  maxBytes = MAX_DOCUMENT_BYTES
) {
  const size = (await stat(tmpPath)).size
  if (size === 0) throw new UploadRefusedError('empty')
  if (size > maxBytes) throw new UploadRefusedError('size')
  const handle = await open(tmpPath, 'r')
  const head = Buffer.alloc(16)
  await handle.read(head, 0, 16, 0)
  await handle.close()
  const type = sniffDocumentType(head)
  if (!type || !allowed.includes(type)) throw new UploadRefusedError('type')

  const content = await readFile(tmpPath)
  const sha256 = createHash('sha256').update(content).digest('hex')
  const target = storedFilePath({ sha256, contentType: type })
  await mkdir(dirname(target), { recursive: true })
  const partial = `${target}.${process.pid}.part`
  await writeFile(partial, content)
  await rename(partial, target)
  return { sha256, contentType: type, size }
}
