import ExcelJS from 'exceljs'

/**
 * A donor list kept the way commune offices keep them: two merged title rows, the header
 * "Ngày nộp", an STT column, a thôn heading, amounts and dates typed every way, a transfer
 * and an anonymity request in the notes, a blank row, "Tổng cộng" as a formula, then the
 * signature block and the date of signing.
 */
export async function communeList(options: { total?: number; withError?: boolean } = {}) {
  const book = new ExcelJS.Workbook()
  const cover = book.addWorksheet('Bìa')
  cover.addRow(['Ủy ban MTTQ xã Nghĩa Phương'])
  const sheet = book.addWorksheet('DS ủng hộ')
  sheet.addRow(['ỦY BAN MTTQ VIỆT NAM XÃ NGHĨA PHƯƠNG'])
  sheet.mergeCells('A1:G1')
  sheet.addRow(['DANH SÁCH CÁ NHÂN, TỔ CHỨC ỦNG HỘ LẮP ĐẶT CAMERA AN NINH'])
  sheet.mergeCells('A2:G2')
  sheet.addRow([])
  sheet.addRow(['STT', 'Họ và tên', 'Thôn/xóm', 'Số tiền (đồng)', 'Ngày nộp', 'SĐT', 'Ghi chú'])
  sheet.addRow(['Thôn An Đại 1']) // row 5: a heading
  const rows: unknown[][] = [
    [
      1,
      'Nguyễn Văn Bình',
      'An Đại 1',
      5_000_000,
      new Date(Date.UTC(2026, 2, 15)),
      '0912 345 678',
      '',
    ],
    [2, 'Trần Thị Hoa', 'An Đại 1', '5 000 000', '15-3-2026', '', 'Chuyển khoản'],
    [3, 'Lê Văn Cường', 'An Đại 1', '5tr', '15.03.2026', '', ''],
    [4, 'Phạm Thị Dung', 'Năng Tây 3', '5 triệu 500', '15/3/26', '', 'Đề nghị không công khai tên'],
    [5, 'Công ty TNHH Minh Phát', '', '1.500.000,00', 'ngày 16 tháng 3 năm 2026', '', 'CK'],
    [6, 'Hoàng Văn Em', 'Chợ Tre', '2,000,000.00', 46096, '', 'TM'],
  ]
  rows.forEach((row) => sheet.addRow(row))
  sheet.addRow([]) // row 12: blank
  sheet.addRow([7, 'Đỗ Thị Giang', 'Chợ Tre', 1_000_000, '17/03/2026', '', ''])
  if (options.withError)
    sheet.addRow([8, 'Ngô Văn Hải', 'Chợ Tre', 'không rõ', '31/02/2026', '', ''])
  const last = sheet.rowCount
  const sum = 5_000_000 * 3 + 5_500_000 + 1_500_000 + 2_000_000 + 1_000_000
  sheet.addRow([
    '',
    'Tổng cộng',
    '',
    { formula: `SUM(D6:D${last})`, result: options.total ?? sum },
    '',
    '',
    '',
  ])
  sheet.addRow([])
  sheet.addRow(['', '', '', '', 'Nghĩa Phương, ngày 20 tháng 3 năm 2026'])
  sheet.addRow(['', 'Người lập biểu', '', '', 'Trưởng ban'])
  sheet.addRow(['', 'Nguyễn Thị Thu', '', '', 'Lê Văn Hùng'])
  return { content: Buffer.from(await book.xlsx.writeBuffer()), sum }
}

/** The treasurer's upload form, sent as the browser sends it. */
export function uploadList(client: any, user: any, content: Buffer, filename: string) {
  return client
    .post('/donation-imports/preview')
    .loginAs(user)
    .file('file', content, { filename })
    .withCsrfToken()
    .redirects(0)
}
