import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { access, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { Transform } from 'node:stream'
import { Worker } from 'node:worker_threads'
import { join } from 'node:path'
import yazl from 'yazl'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { sha256File } from '#recorder/segment_indexer'
import { gapsIn, segmentsBetween } from '#services/footage/segments'
import { cutClip, writeWallClockSrt } from '#services/evidence/cut_clip'
import { describeViewingCopy, makeViewingCopy } from '#services/evidence/viewing_copy'
import { recordAudit, type AuditActor } from '#services/audit'
import { DISPLAY_ZONE } from '#services/dates'

export const MANIFEST_NAME = 'manifest.json'
export const MANIFEST_HASH_NAME = 'manifest.json.sha256'

/** Where a case's packages are kept (never served by path: downloads go by export id). */
export function exportPath(exportRow: { case_id: number; file_name: string }) {
  return app.makePath('storage/evidence', `case-${exportRow.case_id}`, exportRow.file_name)
}

/**
 * Queues an export of every clip of a case; the queue builds it in the background. With
 * `viewingCopy`, each H.265 clip also gets an H.264 copy for players without H.265.
 */
export async function requestExport(params: {
  actor: AuditActor
  caseId: number
  viewingCopy?: boolean
}) {
  return db.transaction(async (trx) => {
    const [row] = await trx
      .insertQuery()
      .table('evidence_exports')
      .insert({
        case_id: params.caseId,
        status: 'queued',
        created_by: params.actor.id,
        viewing_copy: params.viewingCopy ?? false,
      })
      .returning('*')
    await recordAudit(
      {
        actor: params.actor,
        action: 'evidence.export_request',
        entityType: 'evidence_case',
        entityId: params.caseId,
        after: { exportId: row.id, viewingCopy: row.viewing_copy },
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
      // A segment whose file is gone (removed by hand, a failed disk) is a gap, said so.
      const indexed = await segmentsBetween(clip.camera_id, from, to)
      const present = await Promise.all(
        indexed.map((s) =>
          access(s.path).then(
            () => true,
            () => false
          )
        )
      )
      const segments = indexed.filter((_, k) => present[k])
      const missing = indexed.filter((_, k) => !present[k])
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
        missing_segment_files: missing.map((m) => ({
          segment_id: m.id,
          from: m.startedAt.toISOString(),
          to: m.endedAt.toISOString(),
        })),
        gaps: gaps.map((g) => ({
          from: g.from.toISOString(),
          to: g.to.toISOString(),
          seconds: g.seconds,
          reason: g.reason,
        })),
        // Footage fetched back from the camera's SD card after a gap, not recorded live.
        from_camera_card: segments
          .filter((s) => s.fromCard)
          .map((s) => ({
            segment_id: s.id,
            from: s.startedAt.toISOString(),
            to: s.endedAt.toISOString(),
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
          video_codec: segments.some((s) => s.videoCodec === 'hevc') ? 'hevc' : 'h264',
        })
        if (row.viewing_copy && segments.some((s) => s.videoCodec === 'hevc')) {
          const copy = `${base}_xem-H264.mp4`
          await makeViewingCopy(bin, join(work, video), join(work, copy))
          files.push({ name: copy, path: join(work, copy) })
          entry.viewing_copy = { file: copy, ...describeViewingCopy(bin, video) }
        }
      } else {
        Object.assign(entry, { recorded: null, files: null })
      }
      manifestClips.push(entry)
      await progress(((i + 1) / clips.length) * 90)
    }

    const readme = join(work, 'README.txt')
    await writeFile(readme, README)
    files.push({ name: 'README.txt', path: readme })
    const fileName = `${safeName(kase.case_number)}_export-${exportId}.zip`
    const target = exportPath({ case_id: kase.id, file_name: fileName })
    await mkdir(join(target, '..'), { recursive: true })
    const partial = `${target}.part`
    // One pass over the footage: each file is hashed as it streams into the zip, and the
    // zip is hashed as it streams to disk; the manifest (which needs those hashes) goes last.
    const zip = new StreamingZip(partial)
    const listed = []
    for (const f of files) {
      listed.push({ name: f.name, ...(await zip.addFile(f.path, f.name)) })
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
      software: {
        ffmpeg: bin.version,
        method: 'stream copy (no re-encoding of video); viewing copies, where listed, re-encoded',
      },
      clips: manifestClips,
      files: listed,
    }
    const manifestText = Buffer.from(JSON.stringify(manifest, null, 2) + '\n')
    const manifestSha = createHash('sha256').update(manifestText).digest('hex')
    zip.addBuffer(manifestText, MANIFEST_NAME)
    zip.addBuffer(Buffer.from(`${manifestSha}  ${MANIFEST_NAME}\n`), MANIFEST_HASH_NAME)
    await zip.finish()
    await rename(partial, target)
    const bytes = (await stat(target)).size
    await db.transaction(async (trx) => {
      await trx.from('evidence_exports').where('id', exportId).update({
        status: 'done',
        progress: 100,
        file_name: fileName,
        bytes,
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
            manifestSha256: manifestSha,
            clips: manifestClips.length,
            gaps: manifestClips.reduce((n, c) => n + (c.gaps as unknown[]).length, 0),
          },
        },
        trx
      )
    })
    // The package is ready; the zip's own SHA-256 (for the receiving agency to check
    // its download) follows: the manifest's hash, recorded above, is what verification uses.
    const zipSha = await sha256File(target).catch(() => null)
    await db.from('evidence_exports').where('id', exportId).update({ zip_sha256: zipSha })
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

/**
 * A zip written as it is built (yazl): video stored as is (already compressed), text
 * deflated; `addFile` resolves with the file's size and SHA-256 once it has streamed in, and
 * `finish` with the SHA-256 of the whole zip once it is on disk.
 */
class StreamingZip {
  #zip = new yazl.ZipFile()
  #written: Promise<void>

  constructor(path: string) {
    const out = createWriteStream(path)
    this.#written = new Promise<void>((resolve, reject) => {
      out.on('error', reject).on('close', () => resolve())
      this.#zip.outputStream.on('error', reject)
    })
    this.#zip.outputStream.pipe(out)
  }

  addFile(path: string, name: string) {
    return new Promise<{ bytes: number; sha256: string }>((resolve, reject) => {
      // Hashed on its way into the zip, on another thread (yazl's CRC-32 keeps this one
      // busy); a Transform keeps yazl's pace, so no chunk is missed.
      const hash = new WorkerHash()
      let bytes = 0
      const tee = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          bytes += chunk.length
          done(null, chunk)
        },
      })
      const source = createReadStream(path)
      source.on('error', reject)
      tee.on('end', () => hash.digest().then((sha256) => resolve({ bytes, sha256 }), reject))
      this.#zip.addReadStream(source.pipe(tee), name, { compress: !name.endsWith('.mp4') })
    })
  }

  addBuffer(content: Buffer, name: string) {
    this.#zip.addBuffer(content, name)
  }

  async finish() {
    this.#zip.end()
    await this.#written
  }
}

/**
 * SHA-256 on a worker thread: it runs at about 250 MB/s here, and yazl's CRC-32 keeps the
 * main thread busy with the same bytes; on a second core the two run side by side.
 */
class WorkerHash {
  #worker = new Worker(
    `const { parentPort } = require('node:worker_threads')
     const hash = require('node:crypto').createHash('sha256')
     parentPort.on('message', (m) => {
       if (m === 'digest') { parentPort.postMessage(hash.digest('hex')); process.exit(0) }
       else hash.update(m)
     })`,
    { eval: true }
  )

  update(chunk: Buffer) {
    const copy = new Uint8Array(chunk)
    this.#worker.postMessage(copy, [copy.buffer])
  }

  digest() {
    return new Promise<string>((resolve, reject) => {
      this.#worker.once('message', resolve)
      this.#worker.once('error', reject)
      this.#worker.postMessage('digest')
    })
  }
}

const README = `GÓI CHỨNG CỨ HÌNH ẢNH / EVIDENCE PACKAGE

Tiếng Việt
- Mỗi camera có một tệp .mp4 (cắt nguyên gốc, không mã hoá lại) và một tệp .srt ghi giờ thực
  (giờ Việt Nam, GMT+7) cho từng giây.
- Tệp có đuôi _xem-H264.mp4 (nếu có) là bản chuyển sang H.264 để xem trên máy không mở được
  H.265. Đó là bản sao để xem, không phải bản gốc; bản gốc là tệp .mp4 cùng tên không có đuôi
  đó. manifest.json ghi cách tạo (viewing_copy).
- manifest.json ghi hồ sơ, các đoạn, camera, thời gian, dung lượng, mã SHA-256 của từng tệp,
  các khoảng mất hình trong đoạn, các đoạn lấy lại từ thẻ nhớ camera sau khi mất kết nối
  (from_camera_card), người xuất và thời điểm xuất.
- manifest.json.sha256 là mã SHA-256 của chính manifest.json.
- Kiểm tra: "sha256sum manifest.json" phải ra đúng mã trong manifest.json.sha256, và mã của
  từng tệp phải đúng như trong manifest.json. Hoặc dùng trang "Kiểm tra gói chứng cứ" của phần
  mềm, hoặc lệnh: node ace evidence:verify <tệp.zip>

English
- One .mp4 per camera (stream copy, not re-encoded) and one .srt giving wall-clock time
  (Vietnam, GMT+7) for every second.
- A file ending in _xem-H264.mp4 (if any) is an H.264 copy for players that cannot open H.265.
  It is a viewing copy, not the original; the original is the .mp4 of the same name without
  that ending. manifest.json says how it was made (viewing_copy).
- manifest.json lists the case, clips, cameras, times, sizes, the SHA-256 of every file, the
  gaps inside each window, the parts fetched back from the camera's SD card after a lost
  connection (from_camera_card), who exported it and when.
- manifest.json.sha256 is the SHA-256 of manifest.json itself.
- To check: "sha256sum manifest.json" must match manifest.json.sha256, and every file must
  match its SHA-256 in manifest.json; or use the app's "verify package" page, or
  node ace evidence:verify <file.zip>
`
