import { execFile } from 'node:child_process'
import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** CHROMIUM_PATH, or chromium / chromium-browser / google-chrome on the PATH; null if none. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = join(dir, name)
      try {
        await access(candidate, constants.X_OK)
        return candidate
      } catch {}
    }
  }
  return null
}

/**
 * Prints a local HTML file to PDF with headless Chromium: the same engine and print CSS
 * as the page people print from their browser, so the PDF cannot differ from it. No
 * network: the page is self-contained and loaded from disk.
 */
export async function htmlToPdf(chromium: string, htmlPath: string, pdfPath: string) {
  await run(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-extensions',
      '--no-first-run',
      '--disable-background-networking',
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdfPath}`,
      `file://${htmlPath}`,
    ],
    { timeout: 60_000 }
  )
}
