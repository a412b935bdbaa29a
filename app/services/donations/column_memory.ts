import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ColumnMap } from '#services/donations/list_columns'

/** The column map the treasurer last confirmed for a list with these headers. */
export async function rememberedColumns(signature: string | null): Promise<ColumnMap | null> {
  if (!signature) return null
  const row = await db.from('import_column_mappings').where('signature', signature).first()
  return row ? (row.columns as ColumnMap) : null
}

/** Kept when an import with a map the treasurer chose is confirmed (same transaction). */
export async function rememberColumns(
  client: QueryClientContract,
  params: { signature: string; columns: ColumnMap; headers: string[]; userId: number | null }
) {
  await client.rawQuery(
    `INSERT INTO import_column_mappings (signature, columns, headers, updated_by, updated_at)
     VALUES (?, ?::jsonb, ?::jsonb, ?, now())
     ON CONFLICT (signature) DO UPDATE
       SET columns = EXCLUDED.columns, headers = EXCLUDED.headers,
           updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      params.signature,
      JSON.stringify(params.columns),
      JSON.stringify(params.headers),
      params.userId as number,
    ]
  )
}
