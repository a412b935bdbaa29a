// Evidence exports still being built: poll their status each second, move the progress bar,
// and reload the page when one is done (to show its download and hashes).
;(function () {
  const messages = document.getElementById('export-messages')
  const pending = [...document.querySelectorAll('[data-export]')].filter((li) =>
    ['queued', 'running'].includes(li.dataset.status)
  )
  if (!messages || !pending.length) return
  const tick = async () => {
    let reload = false
    for (const li of pending) {
      if (!['queued', 'running'].includes(li.dataset.status)) continue
      try {
        const res = await fetch(li.dataset.statusUrl, { headers: { accept: 'application/json' } })
        const data = await res.json()
        li.dataset.status = data.status
        li.querySelector('[data-export-progress]').value = data.progress
        li.querySelector('[data-export-state]').textContent =
          messages.dataset[data.status] ?? `${messages.dataset.running} ${data.progress}%`
        if (data.status === 'done' || data.status === 'failed') reload = true
      } catch {
        // The next tick tries again.
      }
    }
    if (reload) window.location.reload()
    else setTimeout(tick, 1000)
  }
  setTimeout(tick, 1000)
})()
