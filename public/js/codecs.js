// The video codecs this browser can decode, for the server (`?decodes=`): H.264 always;
// H.265 only where MediaSource says so (Safari, Chrome and Edge on Windows with the
// system's HEVC support; not Debian's Chromium). The footage pages load this first.
;(function () {
  const decodes = ['h264']
  const hevc = ['hvc1.1.6.L120.90', 'hev1.1.6.L120.90']
  if (
    window.MediaSource &&
    hevc.some((codec) => MediaSource.isTypeSupported(`video/mp4; codecs="${codec}"`))
  ) {
    decodes.push('hevc')
  }
  window.browserDecodes = decodes
})()
