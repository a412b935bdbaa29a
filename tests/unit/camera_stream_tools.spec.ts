import { test } from '@japa/runner'
import { BRAND_PRESETS, presetUrls } from '#services/cameras/brand_presets'
import { readStreamTest } from '#services/cameras/stream_test'
import { parseStreamInfo } from '#recorder/stream_info'
import { storedCredentialsMayGoTo } from '#actions/cameras/save_camera'

const preset = (key: string) => BRAND_PRESETS.find((p) => p.key === key)!

test.group('Brand presets on the camera form', () => {
  test('build the makers’ stream paths from an address and a channel, never with a password', ({
    assert,
  }) => {
    assert.deepEqual(presetUrls(preset('hikvision'), '192.168.1.64'), {
      main: 'rtsp://192.168.1.64/Streaming/Channels/101',
      sub: 'rtsp://192.168.1.64/Streaming/Channels/102',
    })
    assert.deepEqual(presetUrls(preset('dahua'), '192.168.1.108:10554', 2), {
      main: 'rtsp://192.168.1.108:10554/cam/realmonitor?channel=2&subtype=0',
      sub: 'rtsp://192.168.1.108:10554/cam/realmonitor?channel=2&subtype=1',
    })
    assert.equal(
      presetUrls(preset('tplink'), 'tapo-cong.local')!.sub,
      'rtsp://tapo-cong.local/stream2'
    )
    assert.equal(
      presetUrls(preset('ezviz'), '10.0.0.9')!.main,
      'rtsp://10.0.0.9/h264/ch1/main/av_stream'
    )
    for (const bad of ['admin:pw@192.168.1.64', '192.168.1.64/x', '', 'a b']) {
      assert.isNull(presetUrls(preset('hikvision'), bad), bad)
    }
    assert.isNull(presetUrls(preset('hikvision'), '192.168.1.64', 0))
  })
})

test.group('"Thử kết nối" reads what ffmpeg said', () => {
  test('an H.265 camera with G.711 audio', ({ assert }) => {
    const found = readStreamTest(`Input #0, rtsp, from 'rtsp://***@10.0.0.5/Streaming/Channels/101':
  Duration: N/A, start: 0.066000, bitrate: N/A
    Stream #0:0: Video: hevc (Main), yuvj420p(pc), 2560x1440, 20 fps, 20 tbr, 90k tbn
    Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16, 64 kb/s
Stream mapping:`)
    assert.deepEqual(found, {
      ok: true,
      videoCodec: 'hevc',
      profile: 'Main',
      width: 2560,
      height: 1440,
      fps: 20,
      audioCodec: 'pcm_alaw',
      dataStream: false,
    })
  })

  test('G.711 copied into an MPEG-TS segment shows as a data stream, not audio', ({ assert }) => {
    const info = parseStreamInfo(`Input #0, mpegts, from 'seg.ts':
    Stream #0:0[0x100]: Video: h264 (High) ([27][0][0][0] / 0x001B), yuv420p, 640x360, 15 fps
    Stream #0:1[0x101]: Data: bin_data ([6][0][0][0] / 0x0006)`)
    assert.include(info!, { videoCodec: 'h264', audioCodec: null, dataStream: true })
  })

  test('failures in plain words, with credentials masked in the detail', ({ assert }) => {
    const cases: [string, string][] = [
      [
        '[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\nrtsp://admin:pw@10.0.0.5/x: Server returned 401 Unauthorized (authorization failed)',
        'wrong_password',
      ],
      ['[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found', 'not_found'],
      ['rtsp://10.0.0.5:554/x: Connection refused', 'refused'],
      ['rtsp://10.0.0.5/x: Connection timed out', 'unreachable'],
      ['rtsp://10.0.0.5/x: Invalid data found when processing input', 'not_rtsp'],
      ['', 'unreachable'],
    ]
    for (const [stderr, reason] of cases) {
      const result = readStreamTest(stderr)
      assert.isFalse(result.ok)
      if (!result.ok) {
        assert.equal(result.reason, reason, stderr)
        assert.notInclude(result.detail, 'admin:pw')
      }
    }
  })
})

test.group('Where a camera’s stored password may go', () => {
  test('to the hosts it already goes to, not to one just typed in', ({ assert }) => {
    const camera = {
      mainStreamUrl: 'rtsp://192.168.1.64/Streaming/Channels/101',
      subStreamUrl: null,
      onvifHost: '192.168.1.64',
      onvifPort: 80,
    }
    assert.isTrue(storedCredentialsMayGoTo(camera, 'rtsp://192.168.1.64/Streaming/Channels/102'))
    assert.isTrue(storedCredentialsMayGoTo(camera, 'rtsp://192.168.1.64:10554/other'))
    assert.isFalse(storedCredentialsMayGoTo(camera, 'rtsp://203.0.113.9/Streaming/Channels/101'))
  })
})
