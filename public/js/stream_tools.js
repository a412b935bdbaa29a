// Camera form: "Fill in stream addresses" asks the server for a brand's main and sub stream
// URLs from the camera's address and channel; "Test connection" opens each typed stream
// once and says what the camera sends, or why it could not. Messages come from the page.
;(function () {
  const presets = document.querySelector('[data-stream-presets]')
  const tester = document.querySelector('[data-stream-test]')
  if (!presets && !tester) return
  const form = (presets || tester).closest('form')
  const field = (name) => form.querySelector(`[name="${name}"]`)
  const csrf = form.querySelector('input[name="_csrf"]')?.value
  const post = (url, body) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept': 'application/json',
        'x-csrf-token': csrf,
      },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    })
  const errorOf = async (response, fallback) => {
    try {
      const body = await response.json()
      return body.errors?.map((e) => e.message).join(' ') || fallback
    } catch {
      return fallback
    }
  }

  if (presets) {
    const status = presets.querySelector('[data-preset-status]')
    const say = (text, isError = false) => {
      status.textContent = text
      status.className = isError ? 'field-error' : 'help'
    }
    presets.querySelector('[data-preset-fill]').addEventListener('click', async () => {
      const response = await post(presets.dataset.presetUrl, {
        brand: field('preset_brand').value,
        host: field('preset_host').value.trim(),
        channel: Number(field('preset_channel').value) || undefined,
      })
      if (!response.ok) return say(await errorOf(response, presets.dataset.msgFailed), true)
      const { data } = await response.json()
      field('main_stream_url').value = data.main
      field('sub_stream_url').value = data.sub || ''
      if (data.defaultUser && !field('username').value) field('username').value = data.defaultUser
      const host = field('preset_host').value.trim().replace(/:\d+$/, '')
      if (field('onvif_host') && !field('onvif_host').value) field('onvif_host').value = host
      say(presets.dataset.msgFilled.replace('{note}', data.note))
    })
  }

  if (tester) {
    const list = tester.querySelector('[data-stream-test-result]')
    tester.querySelector('[data-stream-test-run]').addEventListener('click', async () => {
      list.replaceChildren()
      const line = (text, isError) => {
        const item = document.createElement('li')
        item.textContent = text
        item.className = isError ? 'field-error' : 'help'
        list.append(item)
        return item
      }
      const streams = [
        ['main_stream_url', tester.dataset.msgMain],
        ['sub_stream_url', tester.dataset.msgSub],
      ].filter(([name]) => field(name).value.trim())
      if (!streams.length) return line(tester.dataset.msgNoUrl, true)
      for (const [name, label] of streams) {
        const item = line(`${label}: ${tester.dataset.msgWorking}`, false)
        const response = await post(tester.dataset.testUrl, {
          url: field(name).value.trim(),
          username: field('username').value.trim() || undefined,
          password: field('password').value || undefined,
          rtsp_transport: field('rtsp_transport').value,
          camera_id: Number(tester.dataset.cameraId) || undefined,
        })
        if (!response.ok) {
          item.textContent = `${label}: ${await errorOf(response, tester.dataset.msgFailed)}`
          item.className = 'field-error'
          continue
        }
        const { data } = await response.json()
        item.textContent = `${label}: ${data.message}`
        item.className = data.ok ? 'help' : 'field-error'
        item.dataset.result = data.ok ? data.videoCodec : data.reason
      }
    })
  }
})()
