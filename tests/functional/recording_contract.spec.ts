import { test } from '@japa/runner'
import { execFile } from 'node:child_process'

/* A segment length the recording windows cannot serve stops the recorder at start, in words. */
test.group('Recorder start-up checks', () => {
  test('recorder:run refuses RECORDER_SEGMENT_SECONDS=120 with a message, before recording anything', async ({
    assert,
  }) => {
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        'node',
        ['ace', 'recorder:run'],
        {
          cwd: process.cwd(),
          timeout: 60_000,
          env: {
            ...process.env,
            NODE_ENV: 'test',
            RECORDER_SEGMENT_SECONDS: '120',
            RECORDER_NODE_ID: 'contract-check',
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as any).code ?? 1) : 0, output: stdout + stderr })
      )
    })
    assert.equal(result.code, 1)
    assert.include(result.output, 'RECORDER_SEGMENT_SECONDS=120')
    assert.include(result.output, 'độ dài đoạn ghi phải từ 2 đến 80 giây')
  }).timeout(60_000)
})
