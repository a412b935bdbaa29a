// Progressive enhancement only: every page works without JavaScript.
document.addEventListener('submit', (event) => {
  const form = event.target
  if (
    form instanceof HTMLFormElement &&
    form.dataset.confirm &&
    !window.confirm(form.dataset.confirm)
  ) {
    event.preventDefault()
  }
})

// "In phiếu thu": the receipt page's print button.
document.addEventListener('click', (event) => {
  const target = event.target
  if (target instanceof Element && target.closest('[data-print]')) window.print()
})
