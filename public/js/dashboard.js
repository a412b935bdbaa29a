// Draws every <canvas data-chart> with chart.js (served by the app). The same numbers are
// in the table next to each chart, for printing and screen readers.
;(function () {
  if (typeof Chart === 'undefined') return
  const money = new Intl.NumberFormat('vi-VN')
  const colours = ['#1565c0', '#2e7d32', '#c62828', '#f9a825', '#6a1b9a', '#00838f']
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const spec = JSON.parse(canvas.dataset.chart)
    const round = spec.type === 'doughnut'
    canvas.chart = new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: round ? colours : colours[i % colours.length],
          borderColor: round ? '#fff' : colours[i % colours.length],
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: spec.series.length > 1 || round },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money.format(c.parsed.y ?? c.parsed)}` } },
        },
        scales: round ? {} : { y: { beginAtZero: true, ticks: { callback: (v) => money.format(v) } } },
      },
    })
  }
})()
