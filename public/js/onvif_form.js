// Camera form: "Read from camera" fills the stream URLs, model and serial from an ONVIF
// probe; "Find cameras" lists the devices WS-Discovery found and fills in the address of
// the one picked. Messages come from the page (Vietnamese or English).
;(function () {
  const box = document.querySelector('[data-onvif]')
  if (!box) return
  const form = box.closest('form')
  const field = (name) => form.querySelector(`[name="${name}"]`)
  const status = box.querySelector('[data-onvif-status]')
  const list = box.querySelector('[data-onvif-found]')
  const msg = (key, values = {}) =>
    (box.dataset[`msg${key}`] || '').replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '')
  const csrf = form.querySelector('input[name="_csrf"]')?.value
  const say = (text, isError = false) => {
    status.textContent = text
    status.className = isError ? 'field-error' : 'help'
  }
  const errorOf = async (response) => {
    try {
      const body = await response.json()
      return body.errors?.map((e) => e.message).join(' ') || msg('Failed')
    } catch {
      return msg('Failed')
    }
  }

  box.querySelector('[data-onvif-probe]').addEventListener('click', async () => {
    say(msg('Working'))
    const body = {
      host: field('onvif_host').value.trim(),
      port: Number(field('onvif_port').value) || undefined,
      username: field('username').value.trim() || undefined,
      password: field('password').value || undefined,
      camera_id: Number(box.dataset.cameraId) || undefined,
    }
    const response = await fetch(box.dataset.probeUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept': 'application/json',
        'x-csrf-token': csrf,
      },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    })
    if (!response.ok) return say(await errorOf(response), true)
    const { data } = await response.json()
    if (data.mainStreamUri) field('main_stream_url').value = data.mainStreamUri
    if (data.subStreamUri) field('sub_stream_url').value = data.subStreamUri
    const model = [data.manufacturer, data.model].filter(Boolean).join(' ')
    if (model && field('model')) field('model').value = model
    if (data.serial && field('serial')) field('serial').value = data.serial
    const offset =
      data.clockOffsetSeconds > 0 ? `+${data.clockOffsetSeconds}` : String(data.clockOffsetSeconds)
    // Each profile's codec; a main stream in H.265 is recorded but many browsers cannot
    // play it, which staff should know before they save.
    const profiles = data.profiles
      .map((p) =>
        [p.name, p.encoding, p.width && `${p.width}×${p.height}`].filter(Boolean).join(' ')
      )
      .join('; ')
    const hevc = /265|hevc/i.test(data.mainEncoding || '')
    say(
      [
        msg('Probed', { model: model || '?', profiles: data.profiles.length, offset }),
        profiles && msg('Codecs', { profiles }),
        hevc && msg('Hevc'),
      ]
        .filter(Boolean)
        .join(' ')
    )
  })

  box.querySelector('[data-onvif-discover]').addEventListener('click', async () => {
    say(msg('Working'))
    list.replaceChildren()
    const response = await fetch(box.dataset.discoverUrl, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
    if (!response.ok) return say(await errorOf(response), true)
    const { data } = await response.json()
    if (data.devices.length === 0) {
      return say(
        msg('None', { targets: data.targets.map((t) => `${t.host}:${t.port}`).join(', ') })
      )
    }
    say(msg('Found', { count: data.devices.length }))
    for (const device of data.devices) {
      const item = document.createElement('li')
      const label = [device.name, device.hardware].filter(Boolean).join(' ')
      item.textContent = `${label} — ${device.host}:${device.port} `
      if (device.camera) item.append(`(${msg('Known', { code: device.camera.code })}) `)
      const use = document.createElement('button')
      use.type = 'button'
      use.className = 'button small'
      use.textContent = msg('Use')
      use.addEventListener('click', () => {
        field('onvif_host').value = device.host
        field('onvif_port').value = device.port
        field('username').focus()
      })
      item.append(use)
      list.append(item)
    }
  })
})()
