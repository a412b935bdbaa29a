import { test } from '@japa/runner'
import {
  defaultTranscodeSettings,
  needsRendition,
  reportedDecodes,
} from '#services/footage/viewing'

test.group('Which viewers get an H.264 copy', () => {
  test('a player that reports nothing, or nonsense, is taken to decode H.264 only', ({
    assert,
  }) => {
    assert.deepEqual(reportedDecodes(undefined), ['h264'])
    assert.deepEqual(reportedDecodes('vp9,<script>'), ['h264'])
    assert.deepEqual(reportedDecodes('hevc'), ['h264', 'hevc'])
    assert.deepEqual(reportedDecodes('h264,hevc'), ['h264', 'hevc'])
    // The query-string parser may hand over an array.
    assert.deepEqual(reportedDecodes(['h264', 'hevc']), ['h264', 'hevc'])
  })

  test('only a codec the browser cannot decode is converted', ({ assert }) => {
    assert.isFalse(needsRendition('h264', ['h264']))
    assert.isTrue(needsRendition('hevc', ['h264']))
    assert.isFalse(needsRendition('hevc', ['h264', 'hevc']))
    // Unknown: copied, never guessed at a transcode's cost.
    assert.isFalse(needsRendition(null, ['h264']))
    assert.isTrue(needsRendition('mjpeg', ['h264', 'hevc']))
  })

  test('the cap leaves half the cores to the recorder and the web', ({ assert }) => {
    assert.equal(defaultTranscodeSettings(2).maxTranscodes, 2)
    assert.equal(defaultTranscodeSettings(1).maxTranscodes, 1)
    assert.equal(defaultTranscodeSettings(8).maxTranscodes, 10)
  })
})
