import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { formatHours, formatPercent } from '#services/money'
import { formatLength } from '#services/dates'
import { addressWarning } from '#services/settings/public_address'
import { describeAuditEvent } from '#services/audit_wording'

test.group('Numbers and times as people say them', () => {
  test('coverage is a whole percent, never 0.0 % nor a false 100 %', ({ assert }) => {
    assert.equal(formatPercent(0), '0%')
    assert.equal(formatPercent(0.004), '<1%')
    assert.equal(formatPercent(0.873), '87%')
    assert.equal(formatPercent(0.996), '99%')
    assert.equal(formatPercent(1), '100%')
    assert.equal(formatPercent(null), '—')
  })

  test('hours: one decimal under ten, whole above, Vietnamese comma', ({ assert }) => {
    assert.equal(formatHours(680.92), '681')
    assert.equal(formatHours(2.46), '2,5')
    assert.equal(formatHours(1234.4), '1.234')
    assert.equal(formatHours(null), '—')
  })

  test('a gap of 64751.1 seconds reads as hours and minutes', ({ assert }) => {
    assert.equal(formatLength(64_751_100), '17 giờ 59 phút')
    assert.equal(formatLength(45_000), '45 giây')
    assert.equal(formatLength(200_000), '3 phút 20 giây')
    assert.equal(formatLength(3_600_000), '1 giờ')
    assert.equal(formatLength(2 * 86_400_000 + 3 * 3_600_000), '2 ngày 3 giờ')
    assert.equal(formatLength(200_000, 'en'), '3 min 20 s')
  })
})

test.group('Public address for QR labels', () => {
  test('loopback and private addresses are warned about, a public one is not', ({ assert }) => {
    assert.equal(addressWarning(null), 'not_set')
    assert.equal(addressWarning('http://127.0.0.1:3333'), 'loopback')
    assert.equal(addressWarning('http://localhost:3333'), 'loopback')
    assert.equal(addressWarning('http://[::1]:3333'), 'loopback')
    assert.equal(addressWarning('http://192.168.1.10'), 'private')
    assert.equal(addressWarning('http://10.0.0.5:8080'), 'private')
    assert.equal(addressWarning('http://172.20.1.1'), 'private')
    assert.equal(addressWarning('http://camera.local'), 'private')
    assert.isNull(addressWarning('https://camera.nghiaphuong.vn'))
    assert.isNull(addressWarning('http://113.161.5.20'))
  })
})

test.group('Audit events in plain words', () => {
  test('action, record and changes are worded; secrets and unchanged fields left out', ({
    assert,
  }) => {
    const i18n = i18nManager.locale('vi')
    const worded = describeAuditEvent(i18n, {
      action: 'expense.approve',
      entityType: 'expense',
      entityId: '3',
      before: { status: 'submitted', amount: 450000, payee: 'Minh Phát' },
      after: { status: 'approved', amount: 450000, payee: 'Minh Phát', password: 'x' },
    })
    assert.equal(worded.action, 'Duyệt khoản chi')
    assert.equal(worded.entity, 'Khoản chi số 3')
    assert.deepEqual(worded.changes, [
      { field: 'Trạng thái', before: 'Chờ duyệt', after: 'Đã duyệt' },
    ])

    const created = describeAuditEvent(i18n, {
      action: 'setting.update',
      entityType: 'setting',
      entityId: null,
      before: null,
      after: { spentOn: '2026-06-02', createdAt: '2026-06-02T03:04:05.000Z', underWarranty: true },
    })
    assert.equal(created.entity, 'Cài đặt')
    assert.deepInclude(created.changes, { field: 'Ngày chi', before: null, after: '02/06/2026' })
    assert.deepInclude(created.changes, { field: 'Còn bảo hành', before: null, after: 'Có' })
  })
})
