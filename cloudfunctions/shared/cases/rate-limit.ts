import { AppError } from '../../../src/domain/shared/errors'
import { businessDayKey } from '../../../src/domain/shared/time'
import type { HandlerContext } from '../runtime/context'

/** A place taken in the caller's submission quota, to give back when the submission is not stored. */
export interface SubmitTicket {
  release(): Promise<void>
}

/**
 * Submissions per caller are capped per hour and per Beijing day (policy.json). The quota sits on the
 * caller's own user document, which the request has just read, so taking a place is one conditional write.
 * Past either cap the submission is refused with nothing changed; a submission that is not stored after
 * all (refused by the domain, or a retry of a request already stored) gives its place back.
 */
export async function takeSubmitPlace(ctx: HandlerContext): Promise<SubmitTicket> {
  const { submitLimitPerHour, submitLimitPerDay } = ctx.runtime.settings.policy
  const window = { hour: ctx.now.toISOString().slice(0, 13), day: businessDayKey(ctx.now) }
  const outcome = await ctx.stores.users.takeSubmitQuota(ctx.user, window, {
    perHour: submitLimitPerHour,
    perDay: submitLimitPerDay,
  })
  if (!outcome.taken) {
    throw new AppError(
      'rate-limited',
      outcome.full === 'hour'
        ? `每小时最多提交${submitLimitPerHour}条举报，请稍后再试`
        : `每天最多提交${submitLimitPerDay}条举报，请明天再试`,
    )
  }
  return { release: () => ctx.stores.users.returnSubmitQuota(ctx.actor.openid, window) }
}

/**
 * Searches for nearby cases per caller are capped per hour and per Beijing day (policy.json `nearby`), on the
 * caller's user document like submissions: one conditional write, which the handler makes alongside its
 * search. Past either cap the search is refused.
 */
export async function takeNearbyPlace(ctx: HandlerContext): Promise<void> {
  const { limitPerHour, limitPerDay } = ctx.runtime.settings.policy.nearby
  const window = { hour: ctx.now.toISOString().slice(0, 13), day: businessDayKey(ctx.now) }
  const outcome = await ctx.stores.users.takeQuota(ctx.user, 'nearbyQuota', window, {
    perHour: limitPerHour,
    perDay: limitPerDay,
  })
  if (!outcome.taken) {
    throw new AppError(
      'rate-limited',
      outcome.full === 'hour'
        ? '查询附近问题过于频繁，请稍后再试'
        : '今天查询附近问题的次数已用完，请明天再试',
    )
  }
}

/**
 * Site suggestions near a place per caller are capped per hour and per Beijing day (policy.json
 * `siteNearby`), the same way: one conditional write on the caller's document, made alongside the search.
 */
export async function takeSiteNearbyPlace(ctx: HandlerContext): Promise<void> {
  const { limitPerHour, limitPerDay } = ctx.runtime.settings.policy.siteNearby
  const window = { hour: ctx.now.toISOString().slice(0, 13), day: businessDayKey(ctx.now) }
  const outcome = await ctx.stores.users.takeQuota(ctx.user, 'siteNearbyQuota', window, {
    perHour: limitPerHour,
    perDay: limitPerDay,
  })
  if (!outcome.taken) {
    throw new AppError(
      'rate-limited',
      outcome.full === 'hour'
        ? '查询附近污染源过于频繁，请稍后再试'
        : '今天查询附近污染源的次数已用完，请明天再试',
    )
  }
}
