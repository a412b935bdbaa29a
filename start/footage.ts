/*
| The web process's background parts for footage: exports left queued by a previous
| process are built, and live streams (their ffmpeg processes) stop with the server.
*/
import app from '@adonisjs/core/services/app'
import liveStreams from '#services/footage/live_streams'
import { resumeExports } from '#services/evidence/export_queue'

app.ready(() => {
  void resumeExports().catch(() => {})
})
app.terminating(() => liveStreams.stopAll())
