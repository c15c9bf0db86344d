import { CronExpression } from '../../emulator/cron'
import type { FunctionHost } from '../../emulator/function-host'
import { startTimers } from '../../emulator/timers'

describe('the emulator’s timers', () => {
  it('fire their function’s timer trigger, by name, at the second it matches', async () => {
    const fireTimer = jest.fn(async () => ({ ok: true }))
    const host = { fireTimer } as unknown as FunctionHost
    const trigger = {
      functionName: 'jobs',
      triggerName: 'every-second',
      cron: new CronExpression('* * * * * * *'),
    }
    const stop = startTimers(host, [trigger], () => {})
    try {
      const deadline = Date.now() + 3000
      while (fireTimer.mock.calls.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50))
    } finally {
      stop()
    }
    expect(fireTimer).toHaveBeenCalledWith('jobs', 'every-second', expect.any(Date))
    const [, , instant] = fireTimer.mock.calls[0] as unknown as [string, string, Date]
    expect(instant.getMilliseconds()).toBe(0)
  })
})
