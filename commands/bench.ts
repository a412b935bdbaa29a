import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `DB_DATABASE=camera_an_ninh_bench node ace bench donations`: runs bench/<name>.ts (its own
 * flags, e.g. `--cameras 32`, pass through)
 * against its own throw-away database (refused on any other), results to stdout for
 * docs/benchmarks.md.
 */
export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description = 'Đo hiệu năng / run a benchmark from bench/'
  static options: CommandOptions = { startApp: true, allowUnknownFlags: true }

  @args.string({ description: 'bench/<name>.ts' })
  declare name: string

  async run() {
    const database = process.env.DB_DATABASE ?? ''
    if (!database.endsWith('_bench')) {
      this.logger.error('Đặt DB_DATABASE=..._bench: benchmark xoá sạch cơ sở dữ liệu của nó')
      this.exitCode = 1
      return
    }
    if (!/^[a-z_]+$/.test(this.name)) throw new Error('bad benchmark name')
    const { reset } = await import('#bench/support')
    await reset()
    const bench = await import(`#bench/${this.name}`)
    await bench.default(this.logger, this.parsed.flags)
  }
}
