import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The camera register: locations (a tree), hosting households, cameras with their stream
 * and recording settings, the commune's site plan, and faults reported by the public from
 * a camera's QR label. Camera credentials are stored encrypted with the app key only.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('locations', (table) => {
      table.increments('id')
      table.integer('parent_id').nullable().references('id').inTable('locations')
      table.enum('kind', ['commune', 'route', 'village', 'point']).notNullable()
      table.string('name', 200).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['parent_id', 'name'])
    })

    this.schema.createTable('households', (table) => {
      table.increments('id')
      table.string('head_name', 200).notNullable()
      table.string('address', 300).nullable()
      table.string('phone', 30).nullable()
      table.boolean('is_public_place').notNullable().defaultTo(false)
      table.date('consent_signed_on').nullable()
      table.string('consent_scan_sha256', 64).nullable()
      table.string('consent_scan_type', 60).nullable()
      table.boolean('provides_power').notNullable().defaultTo(true)
      table.boolean('provides_wifi').notNullable().defaultTo(true)
      table.bigInteger('monthly_support').notNullable().defaultTo(0)
      table.text('note').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`
      ALTER TABLE households ADD CONSTRAINT households_support CHECK (monthly_support >= 0);
    `)

    this.schema.createTable('cameras', (table) => {
      table.increments('id')
      table.string('code', 20).notNullable().unique()
      table.string('name', 200).notNullable()
      table.integer('location_id').notNullable().references('id').inTable('locations')
      table.integer('household_id').nullable().references('id').inTable('households')
      table.string('address_description', 300).nullable()
      table.decimal('latitude', 9, 6).nullable()
      table.decimal('longitude', 9, 6).nullable()
      table.string('model', 120).nullable()
      table.string('serial', 120).nullable().unique()
      table.string('supplier', 200).nullable()
      table.date('installed_on').nullable()
      table.bigInteger('cost').nullable()
      table.bigInteger('cost_expense_id').nullable().references('id').inTable('expenses')
      table.date('warranty_until').nullable()
      table
        .enum('status', ['planned', 'active', 'faulty', 'under_repair', 'retired'])
        .notNullable()
        .defaultTo('planned')
      table.string('main_stream_url', 500).nullable()
      table.string('sub_stream_url', 500).nullable()
      table.enum('rtsp_transport', ['tcp', 'udp']).notNullable().defaultTo('tcp')
      table.text('username_encrypted').nullable()
      table.text('password_encrypted').nullable()
      table.string('onvif_host', 200).nullable()
      table.integer('onvif_port').nullable()
      table.boolean('recording_enabled').notNullable().defaultTo(true)
      table.integer('retention_days').notNullable().defaultTo(30)
      table.decimal('quota_gb', 8, 2).nullable()
      table.decimal('plan_x', 7, 6).nullable()
      table.decimal('plan_y', 7, 6).nullable()
      table.timestamp('last_recorded_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['location_id'])
      table.index(['status'])
    })
    this.schema.raw(`
      ALTER TABLE cameras ADD CONSTRAINT cameras_plan_point CHECK (
        (plan_x IS NULL AND plan_y IS NULL)
        OR (plan_x BETWEEN 0 AND 1 AND plan_y BETWEEN 0 AND 1)
      );
      ALTER TABLE cameras ADD CONSTRAINT cameras_retention CHECK (retention_days BETWEEN 1 AND 3650);
      ALTER TABLE cameras ADD CONSTRAINT cameras_no_password_in_url CHECK (
        coalesce(main_stream_url, '') !~ '://[^/@]*@' AND coalesce(sub_stream_url, '') !~ '://[^/@]*@'
      );
    `)

    // The rule is in the action too; the trigger keeps it true whatever writes the row.
    this.schema.raw(`
      CREATE FUNCTION require_camera_consent() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'active' AND NOT EXISTS (
          SELECT 1 FROM households h WHERE h.id = NEW.household_id
            AND (h.consent_signed_on IS NOT NULL OR h.is_public_place)
        ) THEN
          RAISE EXCEPTION 'Camera % chưa có hộ gia đình đồng ý (hoặc nơi công cộng) nên chưa hoạt động được', NEW.code
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$;
      CREATE TRIGGER cameras_require_consent BEFORE INSERT OR UPDATE ON cameras
        FOR EACH ROW EXECUTE FUNCTION require_camera_consent();
    `)

    this.schema.createTable('site_plans', (table) => {
      table.increments('id')
      table.string('sha256', 64).notNullable()
      table.string('content_type', 60).notNullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.integer('uploaded_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('fault_reports', (table) => {
      table.increments('id')
      table.integer('camera_id').notNullable().references('id').inTable('cameras')
      table.text('description').notNullable()
      table.string('reporter_phone', 30).nullable()
      table.string('photo_sha256', 64).nullable()
      table.string('photo_type', 60).nullable()
      table.string('ip', 64).nullable()
      table.enum('status', ['new', 'ticketed', 'dismissed']).notNullable().defaultTo('new')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['camera_id'])
    })
  }

  async down() {
    this.schema.dropTable('fault_reports')
    this.schema.dropTable('site_plans')
    this.schema.dropTable('cameras')
    this.schema.raw('DROP FUNCTION IF EXISTS require_camera_consent()')
    this.schema.dropTable('households')
    this.schema.dropTable('locations')
  }
}
