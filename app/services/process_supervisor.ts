import { spawn, type ChildProcess } from 'node:child_process'

export interface SupervisedChild {
  name: string
  command: string
  args: string[]
}

interface Running {
  spec: SupervisedChild
  process?: ChildProcess
  restarts: number
  startedAt: number
  timer?: NodeJS.Timeout
}

/**
 * Keeps `npm start`'s children (web, recorder) running: a crashed child restarts after a
 * backoff (1 s doubling to 30 s, reset after 60 s up), so a crash in a page never stops
 * recording for long and vice versa. stop() sends SIGTERM and waits, then SIGKILL.
 */
export default class ProcessSupervisor {
  #children: Running[]
  #stopping = false

  constructor(
    private options: { cwd: string; children: SupervisedChild[]; log: (message: string) => void }
  ) {
    this.#children = options.children.map((spec) => ({ spec, restarts: 0, startedAt: 0 }))
  }

  start() {
    for (const child of this.#children) this.#spawn(child)
  }

  #spawn(child: Running) {
    child.startedAt = Date.now()
    const proc = spawn(child.spec.command, child.spec.args, {
      cwd: this.options.cwd,
      stdio: 'inherit',
      env: process.env,
    })
    child.process = proc
    proc.on('exit', (code, signal) => {
      child.process = undefined
      if (this.#stopping) return
      if (Date.now() - child.startedAt > 60_000) child.restarts = 0
      const delay = Math.min(30_000, 1000 * 2 ** child.restarts)
      child.restarts++
      this.options.log(
        `${child.spec.name} exited (${signal ?? code}); restarting in ${Math.round(delay / 1000)} s`
      )
      child.timer = setTimeout(() => this.#spawn(child), delay)
    })
  }

  async stop(timeoutMs = 20_000) {
    this.#stopping = true
    await Promise.all(
      this.#children.map(async (child) => {
        if (child.timer) clearTimeout(child.timer)
        const proc = child.process
        if (!proc || proc.exitCode !== null) return
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
        proc.kill('SIGTERM')
        const timer = setTimeout(() => {
          this.options.log(`${child.spec.name} did not stop in time; killing it`)
          proc.kill('SIGKILL')
        }, timeoutMs)
        await exited
        clearTimeout(timer)
      })
    )
  }
}
