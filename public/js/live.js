// Live view: each <video data-live-src> plays the camera's short live HLS (started by the
// server on the first request, stopped 30 s after the last viewer leaves).
;(function () {
  const messages = document.getElementById('live-messages')
  if (!messages || typeof Hls === 'undefined') return
  for (const video of document.querySelectorAll('video[data-live-src]')) {
    const state = video.parentElement.querySelector('[data-live-state]')
    const show = (text, ok) => {
      if (!state) return
      state.textContent = text
      state.classList.toggle('ok', ok)
    }
    const start = () => {
      const hls = new Hls({ enableWorker: false, liveSyncDurationCount: 2, manifestLoadingTimeOut: 25000 })
      hls.loadSource(video.dataset.liveSrc)
      hls.attachMedia(video)
      hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}))
      hls.on(Hls.Events.FRAG_BUFFERED, () => show(messages.dataset.playing, true))
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return
        show(messages.dataset.failed, false)
        hls.destroy()
        setTimeout(start, 5000)
      })
    }
    start()
  }
})()
