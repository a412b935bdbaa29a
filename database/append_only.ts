/**
 * SQL that makes a table append-only with the shared `refuse_append_only_change()`
 * function: UPDATE, DELETE and TRUNCATE are refused by PostgreSQL itself.
 */
export function appendOnlyTriggers(table: string): string {
  return `
    CREATE TRIGGER ${table}_append_only
      BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
    CREATE TRIGGER ${table}_no_truncate
      BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
  `
}
