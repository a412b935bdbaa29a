/*
| The web process's background parts for footage: its periodic jobs (exports left queued
| by a previous process are built), and live streams (their ffmpeg processes) stop with
| the server.
*/
import app from '@adonisjs/core/services/app'
import liveStreams from '#services/footage/live_streams'
import logger from '@adonisjs/core/services/logger'
import { startJobs } from '#services/jobs/periodic_jobs'
import { recordingsDir } from '#services/recordings_dir'

// The web process's jobs (app/services/jobs/periodic_jobs.ts): exports left queued.
app.ready(() => {
  const stop = startJobs('web', {
    node: `web-${process.pid}`,
    root: recordingsDir(),
    log: (message, detail) => logger.info(detail ?? {}, message),
  })
  app.terminating(stop)
})
app.terminating(() => liveStreams.stopAll())
