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
