// Sends the package as the request body (streamed to disk by the server, so packages of
// gigabytes work) instead of a form upload, and shows the answer.
;(function () {
  const form = document.getElementById('verify-form')
  const messages = document.getElementById('verify-messages')
  if (!form || !messages || !window.fetch) return
  form.addEventListener('submit', async (event) => {
    const file = form.querySelector('input[type=file]').files[0]
    if (!file) return
    event.preventDefault()
    document.getElementById('verify-status').textContent = messages.dataset.sending
    const token = form.querySelector('input[name=_csrf]').value
    const res = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/zip', 'x-csrf-token': token },
      body: file,
    })
    const html = await res.text()
    document.open()
    document.write(html)
    document.close()
  })
})()
