import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Opens the preventive tickets of schedules due today (the recorder does this every minute
 * on its own; this is for a server that runs the web without a recorder, e.g. from cron).
 */
export default class MaintenanceDue extends BaseCommand {
  static commandName = 'maintenance:due'
  static description = 'Mở phiếu bảo dưỡng định kỳ đến hạn / open due preventive tickets'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { openDuePreventiveTickets } = await import('#actions/tickets/preventive_schedules')
    const result = await openDuePreventiveTickets()
    this.logger.info(
      `lịch đến hạn: ${result.schedules}, phiếu mở: ${result.opened}, bỏ qua (phiếu cũ chưa xong): ${result.skipped}`
    )
  }
}
