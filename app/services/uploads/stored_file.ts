import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises'
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
  constructor(public reason: 'type' | 'size' | 'empty' | 'disk_full') {
    super(reason)
  }
}

/**
 * Space uploads must leave free on the storage disk (UPLOAD_MIN_FREE_MB, default 500 MB):
 * below it the portal refuses files, and the space left is the recorder's, whose retention
 * frees old footage for new.
 */
export function uploadMinFreeBytes() {
  const mb = Number(process.env.UPLOAD_MIN_FREE_MB ?? 500)
  return (Number.isFinite(mb) && mb >= 0 ? mb : 500) * 1024 * 1024
}

/** Refuses a file of `bytes` in `dir` when it would leave less than the guard free. */
export async function ensureRoomFor(dir: string, bytes: number) {
  const fs = await statfs(dir)
  if (Number(fs.bavail) * Number(fs.bsize) - bytes < uploadMinFreeBytes()) {
    throw new UploadRefusedError('disk_full')
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
  await ensureRoomFor(dirname(target), size)
  const partial = `${target}.${process.pid}.part`
  try {
    await writeFile(partial, content)
  } catch (error) {
    await rm(partial, { force: true })
    // The disk filled up while writing (the recorder writes too): nothing is kept.
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new UploadRefusedError('disk_full')
    throw error
  }
  await rename(partial, target)
  return { sha256, contentType: type, size }
}
