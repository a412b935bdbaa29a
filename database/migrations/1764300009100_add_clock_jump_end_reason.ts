import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A recording run also ends when the recorder's clock jumps (an NTP correction after a
 * power cut reset the PC's clock): the footage on each side keeps its own consistent times.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE recording_runs DROP CONSTRAINT recording_runs_end_reason_check;
      ALTER TABLE recording_runs ADD CONSTRAINT recording_runs_end_reason_check CHECK (end_reason IN
        ('unreachable', 'stalled', 'ffmpeg_exit', 'recorder_stopped', 'crash_recovered',
         'disabled', 'handed_over', 'clock_jump'));
    `)
  }

  async down() {
    this.schema.raw(`
      UPDATE recording_runs SET end_reason = 'recorder_stopped' WHERE end_reason = 'clock_jump';
      ALTER TABLE recording_runs DROP CONSTRAINT recording_runs_end_reason_check;
      ALTER TABLE recording_runs ADD CONSTRAINT recording_runs_end_reason_check CHECK (end_reason IN
        ('unreachable', 'stalled', 'ffmpeg_exit', 'recorder_stopped', 'crash_recovered',
         'disabled', 'handed_over'));
    `)
  }
}
