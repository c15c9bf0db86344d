import { CronExpression } from '../../emulator/cron'
import type { FunctionHost } from '../../emulator/function-host'
import { startTimers } from '../../emulator/timers'

describe('the emulator’s timers', () => {
  it('invoke their function as a timer, with a timer’s event and no user', async () => {
    const invoke = jest.fn(async () => ({ ok: true }))
    const host = { invoke } as unknown as FunctionHost
    const trigger = {
      functionName: 'jobs',
      triggerName: 'every-second',
      cron: new CronExpression('* * * * * * *'),
    }
    const stop = startTimers(host, [trigger], () => {})
    try {
      const deadline = Date.now() + 3000
      while (invoke.mock.calls.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50))
    } finally {
      stop()
    }
    expect(invoke).toHaveBeenCalledWith(
      'jobs',
      { Type: 'Timer', TriggerName: 'every-second', Time: expect.any(String) },
      { openid: null },
      'timer',
    )
  })
})
