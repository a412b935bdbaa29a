import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One trigger function for every append-only table (audit log now; donation and expense
 * ledgers later): PostgreSQL itself refuses UPDATE, DELETE and TRUNCATE, whatever the
 * application does.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE FUNCTION refuse_append_only_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'Bảng % chỉ được thêm dòng mới; % bị từ chối (append-only)', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$;
    `)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS refuse_append_only_change()')
  }
}
