import { nextCounterValue } from '../../../cloudfunctions/shared/db/counters'
import { DatabaseError } from '../../../cloudfunctions/shared/db/results'
import {
  defaultAttempts,
  isLostRace,
  jitteredPause,
  LostRace,
  retry,
} from '../../../cloudfunctions/shared/db/retry'
import { AppError } from '../../../src/domain/shared/errors'
import { createTestWorld } from '../../factories/runtime'

const noPause = { pauseMs: () => 0 }

/** An attempt that fails with `error` for its first `failures` runs, then answers with its number. */
function failingFirst(failures: number, error: () => unknown) {
  const attempts: number[] = []
  const attempt = async (attemptNumber: number) => {
    attempts.push(attemptNumber)
    if (attempts.length <= failures) throw error()
    return `won on attempt ${attemptNumber}`
  }
  return { attempt, attempts }
}

describe('retry', () => {
  it('answers with the first attempt that wins, without pausing before it', async () => {
    const pauses: number[] = []
    const { attempt, attempts } = failingFirst(0, () => new LostRace())
    await expect(retry(attempt, { pauseMs: (n) => (pauses.push(n), 0) })).resolves.toBe('won on attempt 1')
    expect(attempts).toEqual([1])
    expect(pauses).toEqual([])
  })

  it('runs an attempt that lost a race again, pausing before each retry', async () => {
    const pauses: number[] = []
    const { attempt, attempts } = failingFirst(3, () => new LostRace())
    await expect(retry(attempt, { pauseMs: (n) => (pauses.push(n), 1) })).resolves.toBe('won on attempt 4')
    expect(attempts).toEqual([1, 2, 3, 4])
    expect(pauses).toEqual([1, 2, 3])
  })

  it('treats a transaction the database refused with a conflict as a lost race', async () => {
    const conflict = () => new DatabaseError('DATABASE_TRANSACTION_CONFLICT', 'transaction conflict')
    const { attempt } = failingFirst(2, conflict)
    await expect(retry(attempt, noPause)).resolves.toBe('won on attempt 3')
  })

  it('throws anything else at once: a refusal or a failure is not worth another attempt', async () => {
    for (const error of [new AppError('not-claimable'), new Error('network down'), 'a string']) {
      const { attempt, attempts } = failingFirst(1, () => error)
      await expect(retry(attempt, noPause)).rejects.toBe(error)
      expect(attempts).toEqual([1])
    }
  })

  it(`gives up after ${defaultAttempts} attempts with a conflict the user may retry`, async () => {
    const { attempt, attempts } = failingFirst(Infinity, () => new LostRace())
    const failure = await retry(attempt, noPause).catch((error: unknown) => error)
    expect(attempts).toHaveLength(defaultAttempts)
    expect(failure).toBeInstanceOf(AppError)
    expect((failure as AppError).toBody()).toEqual({
      code: 'conflict',
      message: '数据已被他人修改，请刷新后重试',
    })
  })

  it('takes the number of attempts and what is retried from the caller', async () => {
    const busy = () => new Error('busy')
    const limited = failingFirst(Infinity, busy)
    await expect(
      retry(limited.attempt, {
        ...noPause,
        attempts: 3,
        shouldRetry: (e) => (e as Error).message === 'busy',
      }),
    ).rejects.toThrow('busy')
    expect(limited.attempts).toEqual([1, 2, 3])
  })

  it('pauses for a random time below 4 ms per retry so far', () => {
    for (const retryNumber of [1, 2, 5, 12]) {
      expect(jitteredPause(retryNumber, () => 0)).toBe(0)
      expect(jitteredPause(retryNumber, () => 0.9999)).toBe(4 * retryNumber - 1)
      const pause = jitteredPause(retryNumber)
      expect(pause).toBeGreaterThanOrEqual(0)
      expect(pause).toBeLessThan(4 * retryNumber)
    }
  })

  it('recognises lost races and nothing else', () => {
    expect(isLostRace(new LostRace())).toBe(true)
    expect(isLostRace({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true)
    expect(isLostRace(new AppError('conflict'))).toBe(false)
    expect(isLostRace(new DatabaseError('DATABASE_PERMISSION_DENIED', 'denied'))).toBe(false)
    expect(isLostRace(undefined)).toBe(false)
  })
})

describe('a counter taken by many callers at once', () => {
  it('gives each of them a distinct value, with no gap', async () => {
    const world = await createTestWorld()
    try {
      const values = await Promise.all(
        Array.from({ length: 30 }, () => nextCounterValue(world.db, 'case-no-test')),
      )
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    } finally {
      await world.close()
    }
  })
})
