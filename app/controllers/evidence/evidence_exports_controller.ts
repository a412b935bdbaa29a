import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { exportPath } from '#actions/evidence/export_package'
import { verifyPackage } from '#services/evidence/verify_package'
import { prepareUploadTmpDir } from '#services/uploads/upload_tmp'
import { ensureRoomFor } from '#services/uploads/stored_file'
import { sendFileWithRanges } from '#services/footage/send_file'
import { actorFromContext, recordAudit } from '#services/audit'

/** A package upload larger than this is refused (the command line has no limit). */
const MAX_VERIFY_BYTES = 4 * 1024 ** 3

/** Export progress, downloads (audited) and package verification. */
export default class EvidenceExportsController {
  async status({ bouncer, params, response }: HttpContext) {
    await bouncer.with('FootagePolicy').authorize('export')
    const row = await db.from('evidence_exports').where('id', params.exportId).first()
    if (!row) return response.notFound()
    return {
      id: row.id,
      status: row.status,
      progress: row.progress,
      error: row.error,
      zip_sha256: row.zip_sha256,
    }
  }

  async download(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    const row = await db.from('evidence_exports').where('id', ctx.params.exportId).first()
    if (!row || row.status !== 'done') return ctx.response.notFound()
    await recordAudit({
      actor: actorFromContext(ctx),
      action: 'evidence.download',
      entityType: 'evidence_case',
      entityId: row.case_id,
      after: {
        exportId: row.id,
        zipSha256: row.zip_sha256,
        range: ctx.request.header('range') ?? null,
      },
    })
    ctx.response.header('Content-Disposition', `attachment; filename="${row.file_name}"`)
    return sendFileWithRanges(ctx, exportPath(row), 'application/zip')
  }

  async verifyForm({ view, bouncer }: HttpContext) {
    await bouncer.with('FootagePolicy').authorize('export')
    return view.render('pages/evidence/verify', { result: null })
  }

  /**
   * A package sent as the request body (`Content-Type: application/zip`, by the page's
   * script, streamed to disk: packages are large) or as a form upload (without script, up
   * to the form limit). Every hash is recomputed; the check is audited on the case.
   */
  async verify(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    // One package at a time per person: each may be gigabytes on the server's disk.
    const userId = ctx.auth.user!.id
    if (verifying.has(userId)) {
      ctx.session.flash('error', ctx.i18n.t('evidence.verify.one_at_a_time'))
      return ctx.response.redirect().toRoute('evidence.verify')
    }
    const dir = await prepareUploadTmpDir()
    await ensureRoomFor(dir, Number(ctx.request.header('content-length') ?? 0))
    const tmp = join(dir, `verify-${randomUUID()}.zip`)
    verifying.add(userId)
    try {
      if (ctx.request.header('content-type')?.startsWith('application/zip')) {
        let seen = 0
        const cap = new Transform({
          transform(chunk, _enc, done) {
            seen += chunk.length
            if (seen > MAX_VERIFY_BYTES) return done(new Error('too large'))
            done(null, chunk)
          },
        })
        try {
          await pipeline(ctx.request.request, cap, createWriteStream(tmp))
        } catch {
          return ctx.response.status(413).send(ctx.i18n.t('evidence.verify.too_large'))
        }
      } else {
        const file = ctx.request.file('package', { size: '25mb' })
        if (!file?.tmpPath || file.errors.length) {
          ctx.session.flash('error', ctx.i18n.t('evidence.verify.missing'))
          return ctx.response.redirect().toRoute('evidence.verify')
        }
        await pipeline(
          (await import('node:fs')).createReadStream(file.tmpPath),
          createWriteStream(tmp)
        )
      }
      const result = await verifyPackage(tmp)
      await recordAudit({
        actor: actorFromContext(ctx),
        action: 'evidence.verify',
        entityType: 'evidence_case',
        entityId: result.knownExport?.caseId ?? null,
        after: {
          intact: result.intact,
          problem: result.problem,
          manifestSha256: result.manifestSha256,
          differ: result.files.filter((f) => f.status !== 'ok').map((f) => f.name),
        },
      })
      return ctx.view.render('pages/evidence/verify', { result })
    } finally {
      verifying.delete(userId)
      await rm(tmp, { force: true })
    }
  }
}

/** Who is having a package verified right now (this web process). */
const verifying = new Set<number>()
