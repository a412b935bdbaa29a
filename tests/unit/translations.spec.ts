import { test } from '@japa/runner'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const LANG = join(import.meta.dirname, '../../resources/lang')

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
  }
  return [prefix]
}

test.group('Translations', () => {
  test('every Vietnamese message has its English counterpart and the other way round', ({
    assert,
  }) => {
    const files = readdirSync(join(LANG, 'vi'))
    assert.sameMembers(readdirSync(join(LANG, 'en')), files)
    for (const file of files) {
      const vi = keys(JSON.parse(readFileSync(join(LANG, 'vi', file), 'utf8')))
      const en = keys(JSON.parse(readFileSync(join(LANG, 'en', file), 'utf8')))
      assert.sameMembers(en, vi, file)
    }
  })

  test('placeholders match between the languages', ({ assert }) => {
    for (const file of readdirSync(join(LANG, 'vi'))) {
      const vi = JSON.parse(readFileSync(join(LANG, 'vi', file), 'utf8'))
      const en = JSON.parse(readFileSync(join(LANG, 'en', file), 'utf8'))
      for (const key of keys(vi)) {
        const get = (o: any) => key.split('.').reduce((v, k) => v?.[k], o) as string
        const holes = (s: string) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
        assert.deepEqual(holes(get(en)), holes(get(vi)), `${file}: ${key}`)
      }
    }
  })
})
