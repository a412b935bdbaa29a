import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { connect } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { systemActor } from '#services/audit'

const TICKS = 100 // USER_HZ on Linux

/** A positive number from the benchmark's flags (`--cameras 32`), or the default. */
export function flag(flags: Record<string, unknown>, name: string, fallback: number) {
  const value = Number(flags[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** What the simulated cameras send and how long the recorder's segments are. */
export interface LoadFlags {
  size: string
  fps: number
  bitrate: number
  gopSeconds: number
  segmentSeconds: number
}

/**
 * The load a recorder benchmark runs at (issue 23): by default what a real camera of the
 * programme sends, 1920×1080 at 15 fps, 2,000 kbit/s, a keyframe every 2 s, in the
 * recorder's own 60 s segments. `--size --fps --bitrate --gop --segment` change it; the
 * JSON names the load it ran at.
 */
export function loadFlags(flags: Record<string, unknown>): LoadFlags {
  const size =
    typeof flags.size === 'string' && /^\d{2,4}x\d{2,4}$/.test(flags.size)
      ? flags.size
      : '1920x1080'
  return {
    size,
    fps: flag(flags, 'fps', 15),
    bitrate: flag(flags, 'bitrate', 2000),
    gopSeconds: flag(flags, 'gop', 2),
    segmentSeconds: flag(flags, 'segment', 60),
  }
}

/** The simulator's clip for a load (CameraSimulator's `clip` option). */
export function clipOf(load: LoadFlags) {
  return { size: load.size, fps: load.fps, bitrate: load.bitrate, gopSeconds: load.gopSeconds }
}

/** The load as the JSON line reports it. */
export function describeLoad(load: LoadFlags) {
  return {
    size: load.size,
    fps: load.fps,
    bitrate_kbps: load.bitrate,
    gop_s: load.gopSeconds,
    segment_s: load.segmentSeconds,
  }
}

/**
 * CPU seconds from /proc/self/stat: this process (user + system) and its children that
 * have exited and been waited for (cutime + cstime), which is where every ffmpeg this
 * process started ends up once it has exited.
 */
export function cpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]))
  return { self: (utime + stime) / TICKS, children: (cutime + cstime) / TICKS }
}

/**
 * CPU seconds so far of this process's threads by name, user and system apart (`node` is
 * the JavaScript thread, `libuv-worker` the file system pool, `V8 …` the garbage collector).
 */
export function threadCpuSeconds() {
  const byName: Record<string, { user: number; system: number }> = {}
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const entry = (byName[name] ??= { user: 0, system: 0 })
      entry.user += Number(rest[11]) / TICKS
      entry.system += Number(rest[12]) / TICKS
    } catch {}
  }
  return byName
}

/** Per thread name, what `after` adds to `before` (threadCpuSeconds), rounded, largest first. */
export function threadCpuDelta(
  before: ReturnType<typeof threadCpuSeconds>,
  after: ReturnType<typeof threadCpuSeconds>
) {
  const rows = Object.entries(after).map(([name, t]) => ({
    name,
    user: t.user - (before[name]?.user ?? 0),
    system: t.system - (before[name]?.system ?? 0),
  }))
  return Object.fromEntries(
    rows
      .filter((r) => r.user + r.system >= 0.01)
      .sort((a, b) => b.user + b.system - (a.user + a.system))
      .map((r) => [r.name, { user: round2(r.user), system: round2(r.system) }])
  )
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** CPU seconds so far of every live process in a process group (the simulator's). */
export function groupCpuSeconds(pgid: number) {
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      if (Number(rest[2]) !== pgid) continue
      ticks += Number(rest[11]) + Number(rest[12])
    } catch {}
  }
  return ticks / TICKS
}

/** Resident memory of this process's live ffmpeg children, MiB. */
export function ffmpegChildrenRssMiB() {
  let kib = 0
  let count = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const rest = stat.split(') ')[1].split(' ')
      if (Number(rest[1]) !== process.pid || !stat.includes('(ffmpeg)')) continue
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      count++
    } catch {}
  }
  return { mib: kib / 1024, count }
}

/**
 * `node ace cameras:simulate --count n` as its own process group, so its CPU is neither
 * the recorder's nor the baseline's. Resolves once its RTSP port answers.
 */
export async function startSimulator(count: number, load?: LoadFlags) {
  const clip = load
    ? [
        '--size',
        load.size,
        '--fps',
        String(load.fps),
        '--bitrate',
        String(load.bitrate),
        '--gop',
        String(load.gopSeconds),
      ]
    : []
  const child = spawn('node', ['ace', 'cameras:simulate', '--count', String(count), ...clip], {
    cwd: process.cwd(),
    detached: true,
    stdio: 'ignore',
    env: process.env,
  })
  const until = Date.now() + 60_000
  while (!(await portOpen(26554))) {
    if (Date.now() > until) throw new Error('simulator did not start')
    await new Promise((r) => setTimeout(r, 500))
  }
  // Publishers need a moment to announce their streams.
  await new Promise((r) => setTimeout(r, 3000))
  return {
    url: (n: number) => `rtsp://127.0.0.1:26554/cam${n}`,
    stop: () => stopGroup(child),
    pid: child.pid!,
  }
}

export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT') {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    process.kill(-child.pid!, signal)
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {}
    }, 10_000).unref()
  })
}

function portOpen(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.on('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}

/** `count` active cameras in the bench database reading the simulator's streams. */
export async function benchCameras(count: number, url: (n: number) => string) {
  const actor = systemActor('bench')
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Bench' })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ bench', consentSignedOn: '2026-01-01' },
  })
  const ids: number[] = []
  for (let n = 1; n <= count; n++) {
    const camera = await createCamera({
      actor,
      fields: {
        name: `Bench ${n}`,
        locationId: location.id,
        householdId: household.id,
        status: 'active',
        mainStreamUrl: url(n),
        rtspTransport: 'udp',
      },
    })
    ids.push(camera.id)
  }
  return ids
}

/** Gaps longer than 1 s between consecutive segments of each camera. */
export async function segmentGaps(ids: number[]) {
  const rows = await db
    .from('recording_segments')
    .whereIn('camera_id', ids)
    .orderBy(['camera_id', 'started_at'])
    .select('camera_id', 'started_at', 'ended_at')
  let gaps = 0
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].camera_id !== rows[i - 1].camera_id) continue
    const gap = new Date(rows[i].started_at).getTime() - new Date(rows[i - 1].ended_at).getTime()
    if (gap > 1000) gaps++
  }
  return { gaps, segments: rows.length }
}
