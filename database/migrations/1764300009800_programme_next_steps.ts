import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The programme's next steps (report section IV.2):
 * - a fund can be a campaign with a target (amount, deadline, what it buys) and the planned
 *   cameras it pays for (`cameras.fund_id`);
 * - a camera has an owner; one the programme does not own is connected under an agreement,
 *   and cannot go into service without one (the consent trigger now checks it);
 * - hosting households' monthly support is paid by a monthly run: one expense per run, one
 *   `support_payments` row per household and month. A partial unique index makes paying the
 *   same household twice for one month impossible, whatever clicks twice; a row whose expense
 *   was rejected or reversed is voided (kept, dated) so that month can be paid again.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('funds', (table) => {
      table.bigInteger('target_amount').nullable()
      table.date('target_deadline').nullable()
      table.string('purpose', 300).nullable()
    })
    this.schema.raw(`
      ALTER TABLE funds ADD CONSTRAINT funds_target_positive CHECK (target_amount IS NULL OR target_amount > 0);
    `)

    this.schema.alterTable('cameras', (table) => {
      table.integer('fund_id').nullable().references('id').inTable('funds')
      table
        .enum('owner_kind', ['programme', 'village', 'household', 'business'])
        .notNullable()
        .defaultTo('programme')
      table.string('owner_name', 200).nullable()
    })

    this.schema.createTable('camera_agreements', (table) => {
      table.increments('id')
      table.integer('camera_id').notNullable().unique().references('id').inTable('cameras')
      table.string('party_name', 200).notNullable()
      table.string('party_phone', 30).nullable()
      table.date('signed_on').notNullable()
      table.text('recording_scope').notNullable()
      table.integer('retention_days').notNullable()
      table.enum('repairs_paid_by', ['programme', 'owner', 'shared']).notNullable()
      table.string('scan_sha256', 64).nullable()
      table.string('scan_type', 60).nullable()
      table.text('note').nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`
      ALTER TABLE camera_agreements ADD CONSTRAINT camera_agreements_retention
        CHECK (retention_days BETWEEN 1 AND 3650);

      CREATE OR REPLACE FUNCTION require_camera_consent() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'active' AND NOT EXISTS (
          SELECT 1 FROM households h WHERE h.id = NEW.household_id
            AND (h.consent_signed_on IS NOT NULL OR h.is_public_place)
        ) THEN
          RAISE EXCEPTION 'Camera % chưa có hộ gia đình đồng ý (hoặc nơi công cộng) nên chưa hoạt động được', NEW.code
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status = 'active' AND NEW.owner_kind <> 'programme' AND NOT EXISTS (
          SELECT 1 FROM camera_agreements a WHERE a.camera_id = NEW.id
        ) THEN
          RAISE EXCEPTION 'Camera % không thuộc chương trình, cần thỏa thuận kết nối trước khi hoạt động', NEW.code
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$;
    `)

    this.schema.createTable('support_payments', (table) => {
      table.bigIncrements('id')
      table.integer('household_id').notNullable().references('id').inTable('households')
      table.date('month').notNullable()
      table.bigInteger('amount').notNullable()
      table.bigInteger('expense_id').notNullable().references('id').inTable('expenses')
      table.timestamp('voided_at', { useTz: true }).nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['expense_id'])
      table.index(['month'])
    })
    this.schema.raw(`
      ALTER TABLE support_payments ADD CONSTRAINT support_payments_shape
        CHECK (amount > 0 AND extract(day from month) = 1);
      CREATE UNIQUE INDEX support_payments_once ON support_payments (household_id, month)
        WHERE voided_at IS NULL;
    `)
  }

  async down() {
    this.schema.dropTable('support_payments')
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION require_camera_consent() RETURNS trigger
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
    `)
    this.schema.dropTable('camera_agreements')
    this.schema.alterTable('cameras', (table) => {
      table.dropColumn('fund_id')
      table.dropColumn('owner_kind')
      table.dropColumn('owner_name')
    })
    this.schema.alterTable('funds', (table) => {
      table.dropColumn('target_amount')
      table.dropColumn('target_deadline')
      table.dropColumn('purpose')
    })
  }
}
