import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import yazl from 'yazl'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { gapsIn, segmentsBetween } from '#services/footage/segments'
import { cutClip, writeWallClockSrt } from '#services/evidence/cut_clip'
import { recordAudit, type AuditActor } from '#services/audit'
import { DISPLAY_ZONE } from '#services/dates'

export const MANIFEST_NAME = 'manifest.json'
export const MANIFEST_HASH_NAME = 'manifest.json.sha256'

/** Where a case's packages are kept (never served by path: downloads go by export id). */
export function exportPath(exportRow: { case_id: number; file_name: string }) {
  return app.makePath('storage/evidence', `case-${exportRow.case_id}`, exportRow.file_name)
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

/** Queues an export of every clip of a case; the queue builds it in the background. */
export async function requestExport(params: { actor: AuditActor; caseId: number }) {
  return db.transaction(async (trx) => {
    const [row] = await trx
      .insertQuery()
      .table('evidence_exports')
      .insert({ case_id: params.caseId, status: 'queued', created_by: params.actor.id })
      .returning('*')
    await recordAudit(
      {
        actor: params.actor,
        action: 'evidence.export_request',
        entityType: 'evidence_case',
        entityId: params.caseId,
        after: { exportId: row.id },
      },
      trx
    )
    return row
  })
}

const safeName = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'x'

/**
 * Builds one export: per clip an MP4 (stream copy) and a .srt of wall-clock time, then
 * manifest.json (the case, clips, cameras, times, sizes, the SHA-256 of every file, the
 * gaps inside each window, who exported and when), the manifest's own SHA-256, and a
 * README on how to check it; all in one .zip, written under a temporary name and renamed
 * when complete. Progress is written to the row as it goes.
 */
export async function buildExport(exportId: number) {
  const row = await db.from('evidence_exports').where('id', exportId).firstOrFail()
  const kase = await db.from('evidence_cases').where('id', row.case_id).firstOrFail()
  const user = await db.from('users').where('id', row.created_by).first()
  const clips = await db
    .from('evidence_clips as c')
    .join('cameras as cam', 'cam.id', 'c.camera_id')
    .leftJoin('locations as l', 'l.id', 'cam.location_id')
    .where('c.case_id', kase.id)
    .orderBy('c.id')
    .select('c.*', 'cam.code', 'cam.name as camera_name', 'l.name as location_name')
  const progress = (value: number) =>
    db
      .from('evidence_exports')
      .where('id', exportId)
      .update({ progress: Math.max(0, Math.min(100, Math.round(value))) })
  await db.from('evidence_exports').where('id', exportId).update({ status: 'running', progress: 0 })

  const work = await mkdtemp(join(tmpdir(), `evidence-${exportId}-`))
  try {
    const bin = await detectFfmpeg()
    const files: { name: string; path: string }[] = []
    const manifestClips: Record<string, unknown>[] = []
    for (const [i, clip] of clips.entries()) {
      const from: Date = clip.starts_at
      const to: Date = clip.ends_at
      const segments = await segmentsBetween(clip.camera_id, from, to)
      const gaps = await gapsIn(clip.camera_id, segments, from, to)
      const base = `${String(i + 1).padStart(2, '0')}_${safeName(clip.code)}_${from.toISOString().replace(/[:.]/g, '').slice(0, 15)}Z`
      const entry: Record<string, unknown> = {
        clip_id: clip.id,
        camera: {
          id: clip.camera_id,
          code: clip.code,
          name: clip.camera_name,
          location: clip.location_name,
        },
        requested: { from: from.toISOString(), to: to.toISOString() },
        segments: segments.length,
        gaps: gaps.map((g) => ({
          from: g.from.toISOString(),
          to: g.to.toISOString(),
          seconds: g.seconds,
          reason: g.reason,
        })),
      }
      if (segments.length) {
        const video = `${base}.mp4`
        const subtitles = `${base}.srt`
        const cut = await cutClip({
          bin,
          segments,
          from,
          to,
          listPath: join(work, `${base}.ffconcat`),
          outPath: join(work, video),
          title: `${kase.case_number} ${clip.code}`,
          onProgress: (f) => void progress(((i + f) / clips.length) * 90),
        })
        await writeWallClockSrt(join(work, subtitles), segments, from, to)
        files.push(
          { name: video, path: join(work, video) },
          { name: subtitles, path: join(work, subtitles) }
        )
        Object.assign(entry, {
          recorded: { from: cut.recordedFrom.toISOString(), to: cut.recordedTo.toISOString() },
          files: { video, subtitles },
          audio: cut.audio,
        })
      } else {
        Object.assign(entry, { recorded: null, files: null })
      }
      manifestClips.push(entry)
      await progress(((i + 1) / clips.length) * 90)
    }

    const readme = join(work, 'README.txt')
    await writeFile(readme, README)
    files.push({ name: 'README.txt', path: readme })
    const listed = []
    for (const f of files) {
      listed.push({
        name: f.name,
        bytes: (await stat(f.path)).size,
        sha256: await sha256OfFile(f.path),
      })
    }
    const exportedAt = new Date()
    const manifest = {
      format: 'camera-an-ninh/evidence-package/1',
      case: {
        id: kase.id,
        number: kase.case_number,
        type: kase.case_type,
        description: kase.description,
        requesting_agency: kase.requesting_agency,
        requesting_person: kase.requesting_person,
        requested_on: kase.requested_on,
      },
      export_id: exportId,
      exported_by: user ? { id: user.id, name: user.full_name, role: user.role } : null,
      exported_at: exportedAt.toISOString(),
      time_zone: DISPLAY_ZONE,
      software: { ffmpeg: bin.version, method: 'stream copy (no re-encoding of video)' },
      clips: manifestClips,
      files: listed,
    }
    const manifestPath = join(work, MANIFEST_NAME)
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n')
    const manifestSha = await sha256OfFile(manifestPath)
    await writeFile(join(work, MANIFEST_HASH_NAME), `${manifestSha}  ${MANIFEST_NAME}\n`)

    const fileName = `${safeName(kase.case_number)}_export-${exportId}.zip`
    const target = exportPath({ case_id: kase.id, file_name: fileName })
    await mkdir(join(target, '..'), { recursive: true })
    const partial = `${target}.part`
    await zipFiles(partial, [
      ...files,
      { name: MANIFEST_NAME, path: manifestPath },
      { name: MANIFEST_HASH_NAME, path: join(work, MANIFEST_HASH_NAME) },
    ])
    await rename(partial, target)
    const zipSha = await sha256OfFile(target)
    const bytes = (await stat(target)).size
    await db.transaction(async (trx) => {
      await trx.from('evidence_exports').where('id', exportId).update({
        status: 'done',
        progress: 100,
        file_name: fileName,
        bytes,
        zip_sha256: zipSha,
        manifest_sha256: manifestSha,
        finished_at: exportedAt,
      })
      await recordAudit(
        {
          actor: {
            id: row.created_by,
            label: user?.full_name ?? `#${row.created_by}`,
            ip: null,
          },
          action: 'evidence.export',
          entityType: 'evidence_case',
          entityId: kase.id,
          after: {
            exportId,
            file: fileName,
            bytes,
            zipSha256: zipSha,
            manifestSha256: manifestSha,
            clips: manifestClips.length,
            gaps: manifestClips.reduce((n, c) => n + (c.gaps as unknown[]).length, 0),
          },
        },
        trx
      )
    })
  } catch (error) {
    await db
      .from('evidence_exports')
      .where('id', exportId)
      .update({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 2000) })
    throw error
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** A zip of `files` in order; video is stored as is (already compressed), text deflated. */
function zipFiles(path: string, files: { name: string; path: string }[]) {
  return new Promise<void>((resolve, reject) => {
    const zip = new yazl.ZipFile()
    for (const f of files) {
      zip.addFile(f.path, f.name, { compress: !f.name.endsWith('.mp4') })
    }
    zip.end()
    const out = createWriteStream(path)
    out.on('error', reject).on('close', () => resolve())
    zip.outputStream.on('error', reject).pipe(out)
  })
}

const README = `GÓI CHỨNG CỨ HÌNH ẢNH / EVIDENCE PACKAGE

Tiếng Việt
- Mỗi camera có một tệp .mp4 (cắt nguyên gốc, không mã hoá lại) và một tệp .srt ghi giờ thực
  (giờ Việt Nam, GMT+7) cho từng giây.
- manifest.json ghi hồ sơ, các đoạn, camera, thời gian, dung lượng, mã SHA-256 của từng tệp,
  các khoảng mất hình trong đoạn, người xuất và thời điểm xuất.
- manifest.json.sha256 là mã SHA-256 của chính manifest.json.
- Kiểm tra: "sha256sum manifest.json" phải ra đúng mã trong manifest.json.sha256, và mã của
  từng tệp phải đúng như trong manifest.json. Hoặc dùng trang "Kiểm tra gói chứng cứ" của phần
  mềm, hoặc lệnh: node ace evidence:verify <tệp.zip>

English
- One .mp4 per camera (stream copy, not re-encoded) and one .srt giving wall-clock time
  (Vietnam, GMT+7) for every second.
- manifest.json lists the case, clips, cameras, times, sizes, the SHA-256 of every file, the
  gaps inside each window, who exported it and when.
- manifest.json.sha256 is the SHA-256 of manifest.json itself.
- To check: "sha256sum manifest.json" must match manifest.json.sha256, and every file must
  match its SHA-256 in manifest.json; or use the app's "verify package" page, or
  node ace evidence:verify <file.zip>
`
