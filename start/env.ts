/*
| Environment variables, validated at boot. Everything but APP_KEY has a default so a
| fresh clone runs with zero set-up (see bin/ensure_env.ts).
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum.optional(['development', 'production', 'test'] as const),
  TZ: Env.schema.string.optional(),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  LOG_LEVEL: Env.schema.enum.optional([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  APP_KEY: Env.schema.string(),
  SESSION_DRIVER: Env.schema.enum.optional(['database', 'cookie', 'memory'] as const),

  /*
  | Database: a real server through DATABASE_URL, or the embedded one in storage/postgres.
  */
  DATABASE_URL: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  EMBEDDED_DB_PORT: Env.schema.number.optional(),
  EMBEDDED_DB_PASSWORD: Env.schema.string.optional(),
  EMBEDDED_DB_DIR: Env.schema.string.optional(),

  /*
  | Recorder
  */
  RECORDINGS_DIR: Env.schema.string.optional(),
  /** The address households reach the portal at (printed in the QR labels). */
  PUBLIC_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  TRUSTED_PROXIES: Env.schema.string.optional(),
  /** HTTPS by the built-in server: PEM certificate (full chain) and private key. */
  TLS_CERT_PATH: Env.schema.string.optional(),
  TLS_KEY_PATH: Env.schema.string.optional(),
  /** With built-in HTTPS: a plain-HTTP port that redirects to it (e.g. 80). */
  HTTP_REDIRECT_PORT: Env.schema.number.optional(),
  RECORDER_NODE_ID: Env.schema.string.optional(),
  /** Length of a recorded segment in seconds (60 by default). */
  RECORDER_SEGMENT_SECONDS: Env.schema.number.optional(),
  /** Free space to keep on the recordings disk, in GB, besides 10 % of it. */
  RECORDER_MIN_FREE_GB: Env.schema.number.optional(),
  EDGE_RECOVERY_KBPS: Env.schema.number.optional(),
  BACKUP_KEY: Env.schema.string.optional(),
  BACKUP_DIR: Env.schema.string.optional(),
  BACKUP_KEEP: Env.schema.number.optional(),
  BACKUP_AT: Env.schema.string.optional(),
  /** ffmpeg/ffprobe to use instead of the bundled ones (e.g. /usr/bin/ffmpeg). */
  FFMPEG_PATH: Env.schema.string.optional(),
  FFPROBE_PATH: Env.schema.string.optional(),
  /** Disk for H.264 copies of H.265 footage made for playback (MB, default 2048). */
  RENDITION_CACHE_MB: Env.schema.number.optional(),
  /**
   * Where ONVIF discovery sends its WS-Discovery probe: host[:port] list, by unicast.
   * 127.0.0.1 by default; on the commune LAN list the cameras' addresses, or
   * 239.255.255.250 for the standard multicast.
   */
  DISCOVERY_TARGET: Env.schema.string.optional(),

  /*
  | Maintenance: a camera not recording for this many minutes gets a ticket (30); this
  | many outages within an hour get one "unstable connection" ticket (4).
  */
  MAINTENANCE_OFFLINE_MINUTES: Env.schema.number.optional(),
  MAINTENANCE_FLAP_OUTAGES: Env.schema.number.optional(),
})
