// Playback of a camera's day: hls.js plays the day's VOD playlist; the wall-clock time of
// the frame on screen comes from each fragment's EXT-X-PROGRAM-DATE-TIME; the 24 h bar and
// "next span" seek by wall-clock time.
;(function () {
  const video = document.getElementById('playback-video')
  const clock = document.getElementById('wall-clock')
  const bar = document.getElementById('timeline-bar')
  const cursor = document.getElementById('timeline-cursor')
  const messages = document.getElementById('player-messages')
  const cameraSwitch = document.querySelector('[data-camera-switch]')
  if (cameraSwitch) {
    cameraSwitch.addEventListener('change', () => {
      window.location.href = cameraSwitch.value
    })
  }
  if (!video || typeof Hls === 'undefined') return
  const dayStart = Number(video.dataset.dayStart)
  const dayEnd = Number(video.dataset.dayEnd)
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  })
  // dd/mm/yyyy HH:mm:ss in the commune's time zone, as everywhere else in the app.
  const format = {
    format(date) {
      const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]))
      return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`
    },
  }
  let fragments = []
  let pendingSeek = null

  // The player tells the server which codecs this browser decodes; segments in another
  // codec (H.265 in most browsers) come as H.264 copies made on first ask, which can take
  // several seconds for a 60 s segment: the first byte is waited for up to a minute.
  const decodes = window.browserDecodes || ['h264']
  const state = document.getElementById('player-state')
  const say = (text) => {
    state.textContent = text
    state.hidden = !text
  }
  const patient = { maxTimeToFirstByteMs: 60000, maxLoadTimeMs: 120000,
    timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
    errorRetry: { maxNumRetry: 3, retryDelayMs: 3000, maxRetryDelayMs: 15000 } }
  const hls = new Hls({ enableWorker: false, maxBufferLength: 30, fragLoadPolicy: { default: patient } })
  hls.loadSource(`${video.dataset.playlist}&decodes=${decodes.join(',')}`)
  hls.attachMedia(video)
  hls.on(Hls.Events.LEVEL_LOADED, (_event, data) => {
    fragments = data.details.fragments.filter((f) => f.programDateTime)
    if (!fragments.length) {
      clock.textContent = messages.dataset.noFootage
      return
    }
    const at = new URLSearchParams(window.location.search).get('at')
    if (pendingSeek === null && at) pendingSeek = Date.parse(at)
    if (pendingSeek !== null) seekWall(pendingSeek)
    else video.play().catch(() => {})
    update()
  })
  hls.on(Hls.Events.FRAG_LOADING, (_event, data) => {
    if (/\/h264\.ts$/.test(data.frag.url)) {
      video.dataset.converted = 'true'
      say(messages.dataset.converting)
    }
  })
  hls.on(Hls.Events.FRAG_BUFFERED, (_event, data) => {
    if (/\/h264\.ts$/.test(data.frag.url)) say(messages.dataset.converted)
  })
  hls.on(Hls.Events.ERROR, (_event, data) => {
    // 503: every transcode slot is in use; 502: this segment could not be converted.
    const code = data.response && data.response.code
    if (code === 503) say(messages.dataset.busy)
    else if (code === 502) say(messages.dataset.failed)
    if (data.fatal && data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError()
  })

  function wallAt(t) {
    for (const f of fragments) {
      if (t >= f.start && t < f.start + f.duration) return f.programDateTime + (t - f.start) * 1000
    }
    const last = fragments[fragments.length - 1]
    return last ? last.programDateTime + last.duration * 1000 : null
  }

  function seekWall(ms) {
    if (!fragments.length) {
      pendingSeek = ms
      return
    }
    pendingSeek = null
    let target = null
    for (const f of fragments) {
      const end = f.programDateTime + f.duration * 1000
      if (ms >= f.programDateTime && ms < end) {
        target = f.start + (ms - f.programDateTime) / 1000
        break
      }
      if (f.programDateTime > ms) {
        target = f.start
        break
      }
    }
    if (target === null) target = fragments[fragments.length - 1].start
    video.currentTime = target
    video.play().catch(() => {})
  }

  function update() {
    const wall = wallAt(video.currentTime)
    if (wall === null) return
    clock.textContent = format.format(new Date(wall))
    clock.dataset.wall = String(wall)
    cursor.style.left = `${Math.max(0, Math.min(100, ((wall - dayStart) / (dayEnd - dayStart)) * 100))}%`
  }
  video.addEventListener('timeupdate', update)
  video.addEventListener('seeked', update)
  setInterval(() => {
    if (!video.paused) update()
  }, 250)

  bar.addEventListener('click', (event) => {
    if (event.target.closest('a')) return
    const box = bar.getBoundingClientRect()
    const fraction = (event.clientX - box.left) / box.width
    seekWall(dayStart + fraction * (dayEnd - dayStart))
  })

  for (const button of document.querySelectorAll('[data-speed]')) {
    button.addEventListener('click', () => {
      video.playbackRate = Number(button.dataset.speed)
      for (const other of document.querySelectorAll('[data-speed]')) {
        other.setAttribute('aria-pressed', other === button ? 'true' : 'false')
      }
    })
  }

  document.querySelector('[data-next-span]').addEventListener('click', () => {
    const now = wallAt(video.currentTime) ?? dayStart
    for (let i = 1; i < fragments.length; i++) {
      const previousEnd = fragments[i - 1].programDateTime + fragments[i - 1].duration * 1000
      if (fragments[i].programDateTime > now && fragments[i].programDateTime - previousEnd > 1500) {
        video.currentTime = fragments[i].start
        return
      }
    }
  })
})()
