// Keeps camera statuses on the page current without a reload: every 5 s (while the tab is
// visible) it asks the portal for each camera's live status and updates every element
// marked data-live-camera="<id>" (the list's status cell, the site plan's pins).
;(function () {
  const root = document.querySelector('[data-live-url]')
  if (!root) return
  const url = root.getAttribute('data-live-url')
  const apply = (camera) => {
    for (const el of document.querySelectorAll(`[data-live-camera="${camera.id}"]`)) {
      for (const c of [...el.classList]) if (c.startsWith('live-')) el.classList.remove(c)
      el.classList.add(`live-${camera.live}`)
      el.setAttribute('data-live', camera.live)
      if (el.hasAttribute('data-live-text')) el.textContent = camera.label
      const title = el.getAttribute('data-live-title')
      if (title !== null) el.title = `${title} · ${camera.label}`
    }
  }
  const refresh = async () => {
    if (document.hidden) return
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      })
      if (!response.ok) return
      const body = await response.json()
      body.cameras.forEach(apply)
      root.setAttribute('data-live-at', body.at)
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }
  setInterval(refresh, 5000)
  document.addEventListener('visibilitychange', refresh)
})()
