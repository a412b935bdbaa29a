import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A change counter per kind of figure (issue 23): every statement that writes one of the
 * tables a topic's figures are computed from gives the topic a new number, in the same
 * transaction. The web keeps computed figures until a counter moves (FigureCache), so a
 * change made by any process (the web, the recorder, an import command, a restore) shows
 * on the next page, and nothing is recomputed while nothing changed.
 */
export const FIGURE_TOPICS: Record<string, string[]> = {
  money: ['donations', 'donors', 'funds', 'budget_lines', 'expenses'],
  // And cameras, through its own row trigger below (the recorder writes last_recorded_at).
  cameras: ['locations', 'app_settings'],
  tickets: ['maintenance_tickets'],
  recordings: ['recording_runs', 'recording_segments', 'edge_recoveries'],
}

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('figure_versions', (table) => {
      table.string('topic', 40).primary()
      table.bigInteger('version').notNullable().defaultTo(0)
    })
    // From a sequence, not counter + 1: a sequence never hands out a number twice, even when
    // the transaction that took it rolls back, so a stamp once seen always means one state.
    this.schema.raw('CREATE SEQUENCE figure_version_seq')
    this.schema.raw(`
      CREATE FUNCTION bump_figure_topic(name text) RETURNS void LANGUAGE sql AS $$
        INSERT INTO figure_versions (topic, version) VALUES (name, nextval('figure_version_seq'))
          ON CONFLICT (topic) DO UPDATE SET version = excluded.version;
      $$;
      CREATE FUNCTION bump_figure_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_figure_topic(TG_ARGV[0]);
        RETURN NULL;
      END $$;
    `)
    // The recorder writes a camera's last_recorded_at with every segment: that is news for
    // the recording figures (who is offline), not for the register's (status, place, owner).
    this.schema.raw(`
      CREATE FUNCTION bump_camera_figures() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - 'last_recorded_at' - 'updated_at')
                              = (to_jsonb(NEW) - 'last_recorded_at' - 'updated_at') THEN
          PERFORM bump_figure_topic('recordings');
        ELSE
          PERFORM bump_figure_topic('cameras');
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER cameras_figures AFTER INSERT OR UPDATE OR DELETE ON cameras
        FOR EACH ROW EXECUTE FUNCTION bump_camera_figures();
      CREATE TRIGGER cameras_figures_truncate AFTER TRUNCATE ON cameras
        FOR EACH STATEMENT EXECUTE FUNCTION bump_figure_version('cameras');
    `)
    for (const [topic, tables] of Object.entries(FIGURE_TOPICS)) {
      this.schema.raw(`INSERT INTO figure_versions (topic, version) VALUES ('${topic}', 0)`)
      for (const table of tables) {
        this.schema.raw(`
          CREATE TRIGGER ${table}_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
            FOR EACH STATEMENT EXECUTE FUNCTION bump_figure_version('${topic}');
        `)
      }
    }
  }

  async down() {
    for (const tables of Object.values(FIGURE_TOPICS)) {
      for (const table of tables)
        this.schema.raw(`DROP TRIGGER IF EXISTS ${table}_figures ON ${table}`)
    }
    this.schema.raw('DROP TRIGGER IF EXISTS cameras_figures ON cameras')
    this.schema.raw('DROP TRIGGER IF EXISTS cameras_figures_truncate ON cameras')
    this.schema.raw('DROP FUNCTION IF EXISTS bump_camera_figures()')
    this.schema.raw('DROP FUNCTION bump_figure_version()')
    this.schema.raw('DROP FUNCTION IF EXISTS bump_figure_topic(text)')
    this.schema.raw('DROP SEQUENCE figure_version_seq')
    this.schema.dropTable('figure_versions')
  }
}
