// The phone menu. Loaded at the end of the header, before the page is painted, so the menu
// starts collapsed on a phone; without JavaScript it simply stays open.
;(function () {
  var button = document.currentScript && document.currentScript.parentElement.querySelector('.menu-toggle')
  if (!button) return
  var bar = button.closest('.topbar')
  var set = function (open) {
    bar.classList.toggle('menu-closed', !open)
    button.setAttribute('aria-expanded', String(open))
  }
  set(false)
  button.addEventListener('click', function () {
    set(bar.classList.contains('menu-closed'))
  })
})()
