import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import env from '#start/env'
import MaintenanceTicket, { ACTIVE_TICKET_STATUSES } from '#models/maintenance_ticket'
import { noteRecovery, openTicket } from '#actions/tickets/ticket_workflow'
import { RECORDING_FRESH_SECONDS } from '#services/cameras/live_status'
import { systemActor } from '#services/audit'
import { formatDateTime } from '#services/dates'
import { readSetting } from '#services/settings/app_settings'

export interface AutomaticTicketSettings {
  /** A camera not recording for this long gets a ticket (default 30). */
  offlineMinutes: number
  /** This many outages within `flapWindowMinutes` make one "unstable connection" ticket. */
  flapOutages: number
  flapWindowMinutes: number
  /** Recording again without a break for this long resolves an untouched ticket (10). */
  recoveryMinutes: number
}

export const TICKET_SETTINGS_KEY = 'maintenance.automatic_tickets'

/** The defaults: the environment's, else 30 min offline, 4 outages in 60 min, 10 min up. */
export function defaultTicketSettings(): AutomaticTicketSettings {
  return {
    offlineMinutes: env.get('MAINTENANCE_OFFLINE_MINUTES') ?? 30,
    flapOutages: env.get('MAINTENANCE_FLAP_OUTAGES') ?? 4,
    flapWindowMinutes: 60,
    recoveryMinutes: 10,
  }
}

/** The thresholds in force: as saved on the maintenance settings page, over the defaults. */
export function automaticTicketSettings(): Promise<AutomaticTicketSettings> {
  return readSetting(TICKET_SETTINGS_KEY, defaultTicketSettings())
}

const OUTAGE_KINDS = ['unreachable', 'stalled', 'ffmpeg_exit']

/**
 * Opens and resolves tickets from what the recorder writes (cameras.last_recorded_at,
 * recording_runs, recorder_events), run every minute by the recorder:
 *  - a camera expected to record that has not for `offlineMinutes` gets one ticket;
 *  - `flapOutages` outages within the hour get one "unstable connection" ticket instead
 *    of one per outage;
 *  - never two open automatic tickets for one camera (also a unique index);
 *  - once the camera has recorded without a break for `recoveryMinutes`, the ticket notes
 *    the recovery and resolves itself, unless a person has acted on it.
 */
export async function syncAutomaticTickets(
  now: DateTime = DateTime.now(),
  given?: AutomaticTicketSettings
) {
  const settings = given ?? (await automaticTicketSettings())
  const result = { opened: 0, recovered: 0 }
  const cameras = await db
    .from('cameras')
    .where('status', 'active')
    .where('recording_enabled', true)
    .whereNotNull('main_stream_url')
    .select('id', 'code', 'last_recorded_at', 'created_at')
  if (cameras.length === 0) return result
  const ids = cameras.map((c) => c.id)
  const active = new Map(
    (
      await MaintenanceTicket.query()
        .where('automatic', true)
        .whereIn('status', ACTIVE_TICKET_STATUSES)
        .whereIn('camera_id', ids)
    ).map((t) => [t.cameraId, t])
  )
  const since = now.minus({ minutes: settings.flapWindowMinutes }).toJSDate()
  const outages = new Map(
    (
      await db
        .from('recorder_events')
        .whereIn('camera_id', ids)
        .whereIn('kind', OUTAGE_KINDS)
        .where('created_at', '>', since)
        .where('created_at', '<=', now.toJSDate())
        .groupBy('camera_id')
        .select('camera_id')
        .count('* as n')
    ).map((r) => [r.camera_id, Number(r.n)])
  )
  const runs: { camera_id: number; started_at: Date; end_reason: string | null }[] = await db
    .from('recording_runs')
    .distinctOn('camera_id')
    .whereIn('camera_id', ids)
    .orderBy([{ column: 'camera_id' }, { column: 'started_at', order: 'desc' }])
    .select('camera_id', 'started_at', 'end_reason')
  const lastRuns = new Map(runs.map((r) => [r.camera_id, r]))

  for (const camera of cameras) {
    const last = camera.last_recorded_at ? DateTime.fromJSDate(camera.last_recorded_at) : null
    const recording = !!last && now.diff(last, 'seconds').seconds <= RECORDING_FRESH_SECONDS
    const ticket = active.get(camera.id)
    if (ticket) {
      const run = lastRuns.get(camera.id)
      const upSince = run && run.end_reason === null ? DateTime.fromJSDate(run.started_at) : null
      if (
        recording &&
        upSince &&
        now.diff(upSince, 'minutes').minutes >= settings.recoveryMinutes &&
        !ticket.recoveredAt
      ) {
        await noteRecovery({
          ticketId: ticket.id,
          at: now,
          resolution: `Camera ghi hình trở lại từ ${formatDateTime(upSince)}, liên tục ${settings.recoveryMinutes} phút: tự đóng. / Recording again; resolved automatically.`,
        })
        result.recovered++
      }
      continue
    }
    const downSince = last ?? DateTime.fromJSDate(camera.created_at)
    const offline = !recording && now.diff(downSince, 'minutes').minutes >= settings.offlineMinutes
    const unstable = (outages.get(camera.id) ?? 0) >= settings.flapOutages
    if (!offline && !unstable) continue
    const opened = await openAutomatic(camera.id, {
      category: 'network',
      priority: offline ? 'high' : 'normal',
      title: offline
        ? `${camera.code} không ghi hình từ ${formatDateTime(downSince)} / not recording`
        : `${camera.code} kết nối chập chờn: ${outages.get(camera.id)} lần mất trong 1 giờ / unstable connection`,
      description: offline
        ? 'Máy ghi không nhận được hình từ camera. Kiểm tra nguồn điện và Wi-Fi của hộ gia đình.'
        : 'Camera mất kết nối nhiều lần trong một giờ: thường do Wi-Fi yếu hoặc nguồn chập chờn.',
    })
    if (opened) result.opened++
  }
  return result
}

/** Opens one automatic ticket; another recorder node that got there first is fine. */
async function openAutomatic(
  cameraId: number,
  fields: { category: 'network'; priority: 'high' | 'normal'; title: string; description: string }
) {
  try {
    await openTicket({
      actor: systemActor('recorder'),
      fields: { cameraId, source: 'recorder', automatic: true, ...fields },
    })
    return true
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return false
    throw error
  }
}
