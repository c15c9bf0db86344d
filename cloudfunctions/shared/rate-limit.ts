import { AppError } from '../../src/domain/errors'
import { businessDayKey } from '../../src/domain/time'
import type { HandlerContext } from './context'
import { nextCounterValue } from './data/counters'

/**
 * Submissions per caller are capped per hour and per Beijing day (policy.json). Each accepted submission
 * takes a number from the caller's counters; past the cap the submission is refused and nothing is stored.
 * Retries of an accepted request never get here, so they cost nothing.
 */
export async function checkSubmitRate(ctx: HandlerContext): Promise<void> {
  const { submitLimitPerHour, submitLimitPerDay } = ctx.runtime.settings.policy
  const hourKey = ctx.now.toISOString().slice(0, 13)
  const dayKey = businessDayKey(ctx.now)
  const perHour = await nextCounterValue(ctx.runtime.db, `rate:submit:${ctx.actor.openid}:${hourKey}`)
  if (perHour > submitLimitPerHour) {
    throw new AppError('rate-limited', `每小时最多提交${submitLimitPerHour}条举报，请稍后再试`)
  }
  const perDay = await nextCounterValue(ctx.runtime.db, `rate:submit:${ctx.actor.openid}:${dayKey}`)
  if (perDay > submitLimitPerDay) {
    throw new AppError('rate-limited', `每天最多提交${submitLimitPerDay}条举报，请明天再试`)
  }
}
