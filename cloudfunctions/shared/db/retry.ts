import { AppError } from '../../../src/domain/shared/errors'
import { isTransactionConflict } from './results'

/*
 * The one retry policy for contested writes.
 *   - What is retried: an attempt that lost a race, and nothing else. It lost when it threw `LostRace` (its
 *     conditional write matched nothing because someone else wrote first) or when the database refused its
 *     transaction with a conflict. A refusal, a failed read or a bug is thrown at once.
 *   - How often: `defaultAttempts` in all; a caller over a document that every contender must eventually
 *     write (a counter, a person's points) passes more, since each round lets only one of them through.
 *   - How long between: no pause before the first attempt; before retry n a random pause in [0, 4n) ms, so
 *     contenders that lost together spread out instead of colliding again.
 *   - When the attempts run out the last error is thrown. A lost race is an AppError `conflict`, which
 *     asks the user to refresh and try again.
 */

export const defaultAttempts = 8

/** Thrown by an attempt whose conditional write lost to a concurrent one: the attempt may be run again. */
export class LostRace extends AppError {
  constructor() {
    super('conflict')
    this.name = 'LostRace'
  }
}

/** Whether an error means "someone else wrote first", the only thing worth another attempt. */
export function isLostRace(error: unknown): boolean {
  return error instanceof LostRace || isTransactionConflict(error)
}

/** The pause before retry number `retryNumber` (1 for the second attempt): jittered, growing linearly. */
export function jitteredPause(retryNumber: number, random: () => number = Math.random): number {
  return Math.floor(random() * 4 * retryNumber)
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number
  shouldRetry?: (error: unknown) => boolean
  pauseMs?: (retryNumber: number) => number
}

/** Runs `attempt` (given its number, from 1) until it returns, under the policy above. */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  { attempts = defaultAttempts, shouldRetry = isLostRace, pauseMs = jitteredPause }: RetryOptions = {},
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber)
    } catch (error) {
      if (attemptNumber >= attempts || !shouldRetry(error)) throw error
      const pause = pauseMs(attemptNumber)
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}
