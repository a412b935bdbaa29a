import ExcelJS from 'exceljs'
import type { CommitteeFigures } from '#services/reports/committee_figures'
import type { Translate } from '#services/reports/sheets/sheet_writer'
import { writeSummarySheet } from '#services/reports/sheets/summary_sheet'
import { writeFundsSheet } from '#services/reports/sheets/funds_sheet'
import { writeDonorsSheet } from '#services/reports/sheets/donors_sheet'
import { writeCostsSheet } from '#services/reports/sheets/costs_sheet'
import { writeCamerasSheet } from '#services/reports/sheets/cameras_sheet'
import { writeMaintenanceSheet } from '#services/reports/sheets/maintenance_sheet'
import { writeCoverageSheet } from '#services/reports/sheets/coverage_sheet'
import { writeEvidenceSheet } from '#services/reports/sheets/evidence_sheet'
import { writeUpkeepSheet } from '#services/reports/sheets/upkeep_sheet'

/**
 * The committee's workbook, written as a stream (exceljs WorkbookWriter): each row is
 * committed as soon as it is written, and long lists are read page by page, so 100,000
 * rows cost no more memory than 100. Sheets: Tổng hợp, Quỹ, Danh sách ủng hộ, Chi phí, Camera,
 * Bảo trì, Ghi hình, Trích xuất.
 */
export async function writeCommitteeWorkbook(
  figures: CommitteeFigures,
  target: { filename: string } | { stream: import('node:stream').Writable },
  t: Translate
) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true })
  book.creator = 'Mắt ghi hình camera an ninh'

  // One module per sheet (sheets/), each fed by the report's figures, in this order.
  for (const write of [
    writeSummarySheet,
    writeFundsSheet,
    writeDonorsSheet,
    writeCostsSheet,
    writeCamerasSheet,
    writeMaintenanceSheet,
    writeUpkeepSheet,
    writeCoverageSheet,
    writeEvidenceSheet,
  ]) {
    await write(book, figures, t)
  }
  await book.commit()
}
