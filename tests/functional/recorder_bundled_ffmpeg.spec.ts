import { test } from '@japa/runner'
import { binaryPaths, bundledEnv, majorVersion } from '#recorder/ffmpeg_binaries'

/*
 * Which ffmpeg runs (issue 20): FFMPEG_PATH, else an ffmpeg ≥ 5 on the PATH, else the npm
 * bundle. The suite runs on whatever the machine has (CI installs Debian's 5.1); then
 * `npm test` runs the recorder and footage tests again with FFMPEG_PATH=bundled
 * (`npm run test:bundled-ffmpeg`), so a fresh clone without any install keeps recording.
 */
test.group('ffmpeg: which build runs', () => {
  test('FFMPEG_PATH first, then a system ffmpeg 5 or newer, then the bundle', ({ assert }) => {
    assert.equal(binaryPaths({ FFMPEG_PATH: '/opt/ff/ffmpeg' }).ffmpeg, '/opt/ff/ffmpeg')
    assert.equal(binaryPaths({ FFMPEG_PATH: '/opt/ff/ffmpeg' }).source, 'env')
    assert.equal(binaryPaths({ PATH: '' }).source, 'bundled')
    assert.match(binaryPaths({ PATH: '' }).ffmpeg, /@ffmpeg-installer/)
    // FFMPEG_PATH=bundled: the bundle even when the PATH has a newer build.
    assert.deepEqual(binaryPaths(bundledEnv()), binaryPaths({ PATH: '' }))
    assert.equal(binaryPaths({ ...bundledEnv(), PATH: '/usr/bin' }).source, 'bundled')
    assert.equal(majorVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026'), 5)
    assert.equal(majorVersion('ffmpeg version n6.1 Copyright'), 6)
    assert.isNull(majorVersion('ffmpeg version N-47683-g0e8eb07980-static https://…'))
    const system = binaryPaths({ PATH: process.env.PATH })
    if (system.source === 'system') assert.match(system.ffprobe, /ffprobe$/)
  })

  test('/healthz on this machine names the build', async ({ client, assert }) => {
    const health = await client.get('/healthz')
    const { version, source } = health.body().ffmpeg
    assert.match(version, /^ffmpeg version /)
    assert.include(['env', 'system', 'bundled'], source)
  })
})
