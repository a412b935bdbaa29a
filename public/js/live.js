// Live view: each <video data-live-src> plays the camera's short live HLS (started by the
// server on the first request, stopped 30 s after the last viewer leaves). The player
// tells the server which codecs this browser decodes; for a camera in another codec
// (H.265 in most browsers) the server answers with an H.264 copy made for viewing.
;(function () {
  const messages = document.getElementById('live-messages')
  if (!messages || typeof Hls === 'undefined') return
  const decodes = window.browserDecodes || ['h264']
  for (const video of document.querySelectorAll('video[data-live-src]')) {
    const state = video.parentElement.querySelector('[data-live-state]')
    const show = (text, ok) => {
      if (!state) return
      state.textContent = text
      state.classList.toggle('ok', ok)
    }
    const source = `${video.dataset.liveSrc}?decodes=${decodes.join(',')}`
    const start = () => {
      const hls = new Hls({ enableWorker: false, liveSyncDurationCount: 2, manifestLoadingTimeOut: 25000 })
      hls.loadSource(source)
      hls.attachMedia(video)
      hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}))
      hls.on(Hls.Events.FRAG_BUFFERED, (_event, data) => {
        // h264_… segments are the server's H.264 copy of a camera in another codec.
        const converted = /\/h264_\d+\.ts/.test(data.frag.url)
        video.dataset.liveKind = converted ? 'h264' : 'copy'
        show(converted ? messages.dataset.playingConverted : messages.dataset.playing, true)
      })
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return
        // 503: every transcode slot is taken; said in words, tried again later.
        const busy = data.response && data.response.code === 503
        show(busy ? messages.dataset.busy : messages.dataset.failed, false)
        hls.destroy()
        setTimeout(start, busy ? 15000 : 5000)
      })
    }
    start()
  }
})()
