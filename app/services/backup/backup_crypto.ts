import { createReadStream, createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption'

/**
 * Backups are encrypted with age (age-encryption.org/v1, X25519), a standard format
 * other tools read too (`age -d -i key.txt backup.zip.age > backup.zip`), with a key of
 * their own: BACKUP_KEY, an `AGE-SECRET-KEY-1…` identity, never APP_KEY. A stolen backup
 * disk without the key holds nothing readable; the key is kept apart from the backups.
 */

export class BackupKeyError extends Error {
  constructor(public reason: 'missing' | 'invalid' | 'wrong_key') {
    super(reason)
  }
}

/** A new backup key (what the first start writes to `.env` as BACKUP_KEY). */
export function newBackupKey() {
  return generateX25519Identity()
}

/**
 * The key new backups are written with. With none set yet, one is made, appended to the
 * app's `.env` (0600) and announced once: it must be copied away from this machine (the
 * committee's safe, a password manager), since a backup is useless without it.
 */
export async function ensureBackupKey(envFile: string, log: (message: string) => void) {
  if (process.env.BACKUP_KEY?.trim()) return backupKey()
  const key = await newBackupKey()
  const { readFile, writeFile } = await import('node:fs/promises')
  const current = await readFile(envFile, 'utf8').catch(() => null)
  if (current !== null && !/^BACKUP_KEY=\S/m.test(current)) {
    // Fill the empty `BACKUP_KEY=` line `.env.example` left, or add one.
    const next = /^BACKUP_KEY=[ \t]*$/m.test(current)
      ? current.replace(/^BACKUP_KEY=[ \t]*$/m, `BACKUP_KEY=${key}`)
      : `${current}${current.endsWith('\n') ? '' : '\n'}BACKUP_KEY=${key}\n`
    await writeFile(envFile, next, { mode: 0o600 })
  }
  process.env.BACKUP_KEY = key
  log(
    `Đã tạo khóa sao lưu BACKUP_KEY trong ${envFile}. Hãy chép khóa này ra ngoài máy chủ ` +
      '(két của Ban chỉ đạo, trình quản lý mật khẩu): thiếu nó thì không khôi phục được bản sao lưu. ' +
      '/ A backup key was created; copy it off this machine: without it no backup can be restored.'
  )
  return key
}

/** The key backups are written and read with: BACKUP_KEY, or the one given. */
export function backupKey(given?: string | null) {
  const key = (given ?? process.env.BACKUP_KEY ?? '').trim()
  if (!key) throw new BackupKeyError('missing')
  if (!/^AGE-SECRET-KEY-1[0-9A-Z]+$/.test(key)) throw new BackupKeyError('invalid')
  return key
}

/** Writes `src` encrypted to `dest` (mode 0600), streaming. */
export async function encryptFile(src: string, dest: string, key: string) {
  const encrypter = new Encrypter()
  encrypter.addRecipient(await identityToRecipient(key))
  const input = Readable.toWeb(createReadStream(src)) as unknown as ReadableStream<Uint8Array>
  const output = await encrypter.encrypt(input)
  await pipeline(Readable.fromWeb(output as any), createWriteStream(dest, { mode: 0o600 }))
}

/**
 * Writes `src` decrypted to `dest` (mode 0600). A wrong key or a damaged file fails here
 * (age authenticates every chunk), before anything is restored.
 */
export async function decryptFile(src: string, dest: string, key: string) {
  const decrypter = new Decrypter()
  decrypter.addIdentity(key)
  try {
    const input = Readable.toWeb(createReadStream(src)) as unknown as ReadableStream<Uint8Array>
    const output = await decrypter.decrypt(input)
    await pipeline(Readable.fromWeb(output as any), createWriteStream(dest, { mode: 0o600 }))
  } catch (error) {
    const message = String((error as Error)?.message ?? error)
    if (/no identity matched|identity/i.test(message)) throw new BackupKeyError('wrong_key')
    throw error
  }
}
