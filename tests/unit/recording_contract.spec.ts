import { test } from '@japa/runner'
import {
  checkSegmentSeconds,
  RECORDING_FRESH_SECONDS,
  SEGMENT_CLOSE_SLACK_SECONDS,
  SEGMENT_LOOKBACK_MS,
  segmentSecondsSetting,
  SegmentLengthError,
} from '#recorder/contract'

/* The recording windows and the segment length must fit each other (docs/design/recording.md). */
test.group('Recording contract: segment length against the windows', () => {
  test('the default and lengths up to 80 s are accepted', ({ assert }) => {
    assert.equal(segmentSecondsSetting(undefined), 60)
    assert.equal(segmentSecondsSetting('10'), 10)
    assert.equal(checkSegmentSeconds(80), 80)
    assert.isBelow(80 + SEGMENT_CLOSE_SLACK_SECONDS, RECORDING_FRESH_SECONDS + 1)
    assert.isBelow(80_000, SEGMENT_LOOKBACK_MS)
  })

  test('a length the windows cannot serve is refused in Vietnamese and English', ({ assert }) => {
    for (const bad of ['120', '81', '1', '0', '-5', 'abc']) {
      assert.throws(() => segmentSecondsSetting(bad), SegmentLengthError)
    }
    assert.throws(() => checkSegmentSeconds(120), /phải từ 2 đến 80 giây.*must be 2-80 s/s)
  })
})
