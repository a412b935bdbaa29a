// Site plan: pick a camera, click on the diagram, and the pin goes there (the form under
// the plan does the same without JavaScript, with x and y typed as fractions 0..1).
document.addEventListener('click', (event) => {
  const image = event.target instanceof Element ? event.target.closest('[data-plan-image]') : null
  const form = document.querySelector('[data-place-form]')
  if (!image || !form) return
  const camera = form.querySelector('select[name="camera_id"]')
  if (!camera || !camera.value) {
    camera?.focus()
    return
  }
  const box = image.getBoundingClientRect()
  const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width))
  const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height))
  form.querySelector('input[name="x"]').value = x.toFixed(6)
  form.querySelector('input[name="y"]').value = y.toFixed(6)
  form.submit()
})
