import { test } from '@japa/runner'
import { foreignWords, problemsOf, type PageReading } from '#tests/page_sweep/checks'

/** The page sweep's own checks, on the words that were once seen on the pages. */
function reading(text: string, extra: Partial<PageReading> = {}): PageReading {
  return { status: 200, viText: [text], allText: text, overflowPx: 0, wide: [], ...extra }
}

test.group('Page sweep checks', () => {
  test('template code printed as text is caught', ({ assert }) => {
    for (const text of [
      '@!role_select({ roles, current: null })',
      '@each((share, k) in c.shares)',
      "@if(camera.edgeStorage !== 'none')",
      'Xong @end',
      'Tổng {{ total }}',
    ]) {
      assert.match(problemsOf(reading(text), { phone: false }).join(), /template text/, text)
    }
  })

  test('keys and code names are caught, addresses and file names are not', ({ assert }) => {
    for (const text of ['ticket.open', 'footage.live', 'budget_line', 'camera #null', 'NaN giờ']) {
      assert.match(problemsOf(reading(text), { phone: false }).join(), /code name/, text)
    }
    for (const text of [
      'thuquy@xa.test',
      'Tải bao-cao.xlsx',
      'https://camera.nghiaphuong.vn/bao-hong/CAM-001',
      "Dùng '{start_local}' và '{end_local}'",
    ]) {
      assert.notMatch(problemsOf(reading(text), { phone: false }).join(), /code name/, text)
    }
  })

  test('English on a Vietnamese page is caught; Vietnamese, brands and acronyms pass', ({
    assert,
  }) => {
    assert.sameMembers(foreignWords(['Đầu ghi (recorder)']), ['recorder'])
    assert.sameMembers(foreignWords(['Token truy cập API (Authorization: Bearer)']), [
      'Token',
      'Authorization',
      'Bearer',
    ])
    assert.deepEqual(
      foreignWords([
        'Xin chào, Trần Quản Trị. Camera CAM-001 ở thôn An Đại 1 mất Wi-Fi; MTBF 681 giờ.',
        'Nhập danh sách từ Excel (.xlsx) hoặc CSV; tải PDF; ONVIF, RTSP, Hikvision, Dahua.',
        'Tin nhắn, ban chỉ đạo, ngân sách, khoản chi, nguyen van an, thuy, nghia phuong',
      ]),
      []
    )
  })

  test('a server error and a page wider than a phone are caught', ({ assert }) => {
    assert.match(problemsOf(reading('Lỗi', { status: 500 }), { phone: false }).join(), /HTTP 500/)
    const wide = reading('Trang', { overflowPx: 18, wide: ['input#f-to'] })
    assert.match(problemsOf(wide, { phone: true }).join(), /sideways by 18 px .*f-to/)
    assert.deepEqual(problemsOf(wide, { phone: false }), [])
  })
})
