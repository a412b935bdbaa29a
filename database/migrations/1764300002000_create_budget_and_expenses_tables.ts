import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Budget lines and the expense workflow: draft -> submitted -> approved (committee) ->
 * paid (treasurer), or rejected. Once approved, paid or rejected an expense is frozen by
 * PostgreSQL (`guard_expense_change`): the only change left is approved -> paid. Mistakes
 * are corrected by a reversal row, as in the donations ledger. Attachments of a frozen
 * expense cannot be changed or removed either.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('budget_lines', (table) => {
      table.increments('id')
      table.integer('fund_id').notNullable().references('id').inTable('funds')
      table.string('name', 200).notNullable()
      table.bigInteger('approved_amount').notNullable()
      table.date('period_start').nullable()
      table.date('period_end').nullable()
      table.text('note').nullable()
      table.integer('created_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['fund_id', 'name'])
    })
    this.schema.raw(`
      ALTER TABLE budget_lines ADD CONSTRAINT budget_lines_amount CHECK (approved_amount >= 0);
      ALTER TABLE budget_lines ADD CONSTRAINT budget_lines_period
        CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end);
    `)

    this.schema.createTable('expenses', (table) => {
      table.bigIncrements('id')
      table.enum('kind', ['expense', 'reversal']).notNullable().defaultTo('expense')
      table
        .enum('status', ['draft', 'submitted', 'approved', 'paid', 'rejected'])
        .notNullable()
        .defaultTo('draft')
      table.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
      table.string('payee', 200).notNullable()
      table.string('description', 500).notNullable()
      table.integer('quantity').nullable()
      table.bigInteger('unit_price').nullable()
      table.bigInteger('amount').notNullable()
      table.date('spent_on').notNullable()
      table.string('contract_no', 60).nullable()
      table.string('invoice_no', 60).nullable()
      table.string('voucher_no', 60).nullable()
      table.text('note').nullable()
      table.bigInteger('reverses_id').nullable().unique().references('id').inTable('expenses')
      table.text('reason').nullable()
      table.text('rejection_reason').nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.integer('submitted_by').nullable().references('id').inTable('users')
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.integer('approved_by').nullable().references('id').inTable('users')
      table.timestamp('approved_at', { useTz: true }).nullable()
      table.integer('paid_by').nullable().references('id').inTable('users')
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.integer('rejected_by').nullable().references('id').inTable('users')
      table.timestamp('rejected_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['budget_line_id'])
      table.index(['status'])
    })
    this.schema.raw(`
      ALTER TABLE expenses ADD CONSTRAINT expenses_kind_shape CHECK (
        (kind = 'expense' AND amount > 0 AND reverses_id IS NULL)
        OR (kind = 'reversal' AND amount < 0 AND reverses_id IS NOT NULL
            AND status IN ('approved', 'paid') AND length(btrim(coalesce(reason, ''))) > 0)
      );
      ALTER TABLE expenses ADD CONSTRAINT expenses_quantity_times_price CHECK (
        (quantity IS NULL AND unit_price IS NULL)
        OR (quantity > 0 AND unit_price > 0 AND abs(amount) = quantity * unit_price)
      );
      ALTER TABLE expenses ADD CONSTRAINT expenses_steps_recorded CHECK (
        (status <> 'approved' OR (approved_by IS NOT NULL AND approved_at IS NOT NULL))
        AND (status <> 'paid' OR (approved_by IS NOT NULL AND paid_by IS NOT NULL AND paid_at IS NOT NULL))
        AND (status <> 'rejected' OR (rejected_by IS NOT NULL AND length(btrim(coalesce(rejection_reason, ''))) > 0))
      );

      CREATE FUNCTION guard_expense_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        payment_fields text[] := ARRAY['status', 'paid_by', 'paid_at', 'updated_at'];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'draft' THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'Khoản chi % (%) không xoá được; chỉ xoá được bản nháp', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status IN ('draft', 'submitted') THEN RETURN NEW; END IF;
        IF OLD.status = 'approved' AND NEW.status = 'paid'
           AND (to_jsonb(NEW) - payment_fields) = (to_jsonb(OLD) - payment_fields) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'Khoản chi % đã % nên không sửa được; điều chỉnh bằng bút toán đảo (append-only)', OLD.id, OLD.status
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$;
      CREATE TRIGGER expenses_guard BEFORE UPDATE OR DELETE ON expenses
        FOR EACH ROW EXECUTE FUNCTION guard_expense_change();
      CREATE TRIGGER expenses_no_truncate BEFORE TRUNCATE ON expenses
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
    `)

    this.schema.createTable('expense_attachments', (table) => {
      table.increments('id')
      table.bigInteger('expense_id').notNullable().references('id').inTable('expenses')
      table.string('original_name', 255).notNullable()
      table.string('content_type', 60).notNullable()
      table.integer('byte_size').notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('uploaded_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['expense_id'])
    })
    this.schema.raw(`
      CREATE FUNCTION guard_expense_attachment_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM expenses e WHERE e.id = OLD.expense_id AND e.status IN ('draft', 'submitted')) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'Chứng từ của khoản chi % đã duyệt không sửa, không xoá được', OLD.expense_id
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$;
      CREATE TRIGGER expense_attachments_guard BEFORE UPDATE OR DELETE ON expense_attachments
        FOR EACH ROW EXECUTE FUNCTION guard_expense_attachment_change();
    `)

    this.schema.createTable('expense_allocations', (table) => {
      table.increments('id')
      table.bigInteger('expense_id').notNullable().references('id').inTable('expenses')
      table.string('camera_code', 40).notNullable()
      table.bigInteger('amount').notNullable()
      table.unique(['expense_id', 'camera_code'])
    })
  }

  async down() {
    this.schema.dropTable('expense_allocations')
    this.schema.dropTable('expense_attachments')
    this.schema.raw('DROP FUNCTION IF EXISTS guard_expense_attachment_change()')
    this.schema.dropTable('expenses')
    this.schema.raw('DROP FUNCTION IF EXISTS guard_expense_change()')
    this.schema.dropTable('budget_lines')
  }
}
