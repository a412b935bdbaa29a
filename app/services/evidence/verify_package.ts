import { createHash } from 'node:crypto'
import yauzl from 'yauzl'
import db from '@adonisjs/lucid/services/db'
import { MANIFEST_HASH_NAME, MANIFEST_NAME } from '#actions/evidence/export_package'

export interface FileCheck {
  name: string
  expected: string | null
  actual: string | null
  status: 'ok' | 'changed' | 'missing' | 'not_listed'
}

export interface VerifyResult {
  intact: boolean
  /** Why it is not intact, when it is not: an i18n key under evidence.verify. */
  problem: 'not_zip' | 'no_manifest' | 'bad_manifest' | 'manifest_changed' | 'files_differ' | null
  manifestSha256: string | null
  manifestHashMatches: boolean
  files: FileCheck[]
  manifest: Record<string, any> | null
  /** The export this package came from, when this system made it (by the manifest hash). */
  knownExport: { id: number; caseId: number; caseNumber: string; finishedAt: Date } | null
  /**
   * Whether the export records could be searched. Hashes that agree with each other but with
   * no export of this system mean the manifest was rewritten together with its hash file.
   */
  recordsChecked: boolean
}

/** SHA-256 of every entry of a zip, streamed (a package of gigabytes never sits in memory). */
function hashEntries(zipPath: string) {
  return new Promise<{
    hashes: Map<string, string>
    manifest: Buffer | null
    manifestHash: Buffer | null
  }>((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error)
      const hashes = new Map<string, string>()
      let manifest: Buffer | null = null
      let manifestHash: Buffer | null = null
      zip.on('error', reject)
      zip.on('end', () => resolve({ hashes, manifest, manifestHash }))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err)
          const hash = createHash('sha256')
          const keep = entry.fileName === MANIFEST_NAME || entry.fileName === MANIFEST_HASH_NAME
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => {
            hash.update(c)
            if (keep && entry.uncompressedSize < 10 * 1024 * 1024) chunks.push(c)
          })
          stream.on('error', reject)
          stream.on('end', () => {
            hashes.set(entry.fileName, hash.digest('hex'))
            if (entry.fileName === MANIFEST_NAME) manifest = Buffer.concat(chunks)
            if (entry.fileName === MANIFEST_HASH_NAME) manifestHash = Buffer.concat(chunks)
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  })
}

/**
 * Recomputes every hash of an evidence package: the manifest against manifest.json.sha256
 * (and against the export this system recorded, if it made the package), every file against
 * the manifest; says whether it is intact and which file differs.
 */
export async function verifyPackage(zipPath: string): Promise<VerifyResult> {
  const result: VerifyResult = {
    intact: false,
    problem: null,
    manifestSha256: null,
    manifestHashMatches: false,
    files: [],
    manifest: null,
    knownExport: null,
    recordsChecked: false,
  }
  let read
  try {
    read = await hashEntries(zipPath)
  } catch {
    return { ...result, problem: 'not_zip' }
  }
  if (!read.manifest) return { ...result, problem: 'no_manifest' }
  result.manifestSha256 = read.hashes.get(MANIFEST_NAME) ?? null
  const stated = read.manifestHash?.toString('utf8').trim().split(/\s+/)[0] ?? null
  result.manifestHashMatches = !!stated && stated === result.manifestSha256
  try {
    result.manifest = JSON.parse(read.manifest.toString('utf8'))
  } catch {
    return { ...result, problem: 'bad_manifest' }
  }
  const listed: { name: string; sha256: string }[] = Array.isArray(result.manifest?.files)
    ? result.manifest!.files
    : []
  for (const f of listed) {
    const actual = read.hashes.get(f.name) ?? null
    result.files.push({
      name: f.name,
      expected: f.sha256,
      actual,
      status: actual === null ? 'missing' : actual === f.sha256 ? 'ok' : 'changed',
    })
  }
  // One pass each way: a package of thousands of segments is checked in linear time.
  const listedNames = new Set(listed.map((f) => f.name))
  for (const name of read.hashes.keys()) {
    if (name === MANIFEST_NAME || name === MANIFEST_HASH_NAME) continue
    if (!listedNames.has(name)) {
      result.files.push({
        name,
        expected: null,
        actual: read.hashes.get(name)!,
        status: 'not_listed',
      })
    }
  }
  try {
    const known = await db
      .from('evidence_exports as e')
      .join('evidence_cases as c', 'c.id', 'e.case_id')
      .where('e.manifest_sha256', result.manifestSha256 ?? '')
      .select('e.id', 'e.case_id', 'c.case_number', 'e.finished_at')
      .first()
    result.recordsChecked = true
    if (known) {
      result.knownExport = {
        id: known.id,
        caseId: known.case_id,
        caseNumber: known.case_number,
        finishedAt: known.finished_at,
      }
    }
  } catch {
    // Verifying away from the database (another agency's copy of the tool) still checks hashes.
  }
  const filesOk = result.files.length > 0 && result.files.every((f) => f.status === 'ok')
  result.problem =
    !result.manifestHashMatches || (result.recordsChecked && !result.knownExport)
      ? 'manifest_changed'
      : !filesOk
        ? 'files_differ'
        : null
  result.intact = result.problem === null
  return result
}
