import { AppError } from '../../../src/domain/shared/errors'
import { businessDayKey } from '../../../src/domain/shared/time'
import type { HandlerContext } from '../runtime/context'

/** A place taken in the caller's submission counters, to give back when the submission is not stored. */
export interface SubmitTicket {
  release(): Promise<void>
}

/**
 * Submissions per caller are capped per hour and per Beijing day (policy.json). Each submission takes a
 * number from the caller's counters; past the cap the submission is refused, its number given back and
 * nothing stored. Retries of an accepted request never get here, and a retry that raced the first attempt
 * and lost the insert releases its ticket, so retries cost nothing.
 */
export async function checkSubmitRate(ctx: HandlerContext): Promise<SubmitTicket> {
  const { submitLimitPerHour, submitLimitPerDay } = ctx.runtime.settings.policy
  const hourCounter = `rate:submit:${ctx.actor.openid}:${ctx.now.toISOString().slice(0, 13)}`
  const dayCounter = `rate:submit:${ctx.actor.openid}:${businessDayKey(ctx.now)}`
  const giveBack = (...names: string[]) =>
    Promise.all(names.map((name) => ctx.stores.counters.giveBack(name))).then(() => undefined)

  const perHour = await ctx.stores.counters.next(hourCounter)
  if (perHour > submitLimitPerHour) {
    await giveBack(hourCounter)
    throw new AppError('rate-limited', `每小时最多提交${submitLimitPerHour}条举报，请稍后再试`)
  }
  const perDay = await ctx.stores.counters.next(dayCounter)
  if (perDay > submitLimitPerDay) {
    await giveBack(hourCounter, dayCounter)
    throw new AppError('rate-limited', `每天最多提交${submitLimitPerDay}条举报，请明天再试`)
  }
  return { release: () => giveBack(hourCounter, dayCounter) }
}
