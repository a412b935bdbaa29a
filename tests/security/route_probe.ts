import router from '@adonisjs/core/services/router'

/** Every named route of the app, as the router holds it (HEAD dropped). */
export function namedRoutes() {
  const out: { name: string; method: string; pattern: string }[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const r of routes) {
      const method = r.methods.find((m) => m !== 'HEAD')!
      out.push({ name: r.name ?? `${method} ${r.pattern}`, method, pattern: r.pattern })
    }
  }
  return out
}

/** Values for the route parameters: ids of nothing, and valid shapes for the rest. */
export const PARAMS: Record<string, string> = {
  id: '987654321',
  rowId: '987654321',
  attachmentId: '987654321',
  photoId: '987654321',
  exportId: '987654321',
  format: 'xlsx',
  variant: 'sub',
  file: 'seg_00001.ts',
  step: 'assign',
  code: 'CAM-KHONG-CO',
  name: 'chart.min.js',
}

export function urlFor(pattern: string) {
  return pattern.replace(/:(\w+)/g, (_, key: string) => {
    if (!(key in PARAMS)) throw new Error(`no test value for route parameter :${key}`)
    return PARAMS[key]
  })
}

/** What a reply must never show: server internals (paths, stack frames, SQL). */
export const LEAKS = /node_modules|at .+\.(ts|js):\d+|\bselect\b.+\bfrom\b|\binsert into\b|stack/i
