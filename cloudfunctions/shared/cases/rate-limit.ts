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
 * A search's cap per caller, per hour and per Beijing day, kept on the caller's user document like
 * submissions: one conditional write, which the handler makes alongside its search. Past either cap the
 * search is refused, naming what was searched for.
 */
async function takeSearchQuota(
  ctx: HandlerContext,
  quota: 'nearbyQuota' | 'siteNearbyQuota',
  limits: { limitPerHour: number; limitPerDay: number },
  searched: string,
): Promise<void> {
  const window = { hour: ctx.now.toISOString().slice(0, 13), day: businessDayKey(ctx.now) }
  const outcome = await ctx.stores.users.takeQuota(ctx.user, quota, window, {
    perHour: limits.limitPerHour,
    perDay: limits.limitPerDay,
  })
  if (!outcome.taken) {
    throw new AppError(
      'rate-limited',
      outcome.full === 'hour'
        ? `查询附近${searched}过于频繁，请稍后再试`
        : `今天查询附近${searched}的次数已用完，请明天再试`,
    )
  }
}

/** Searches for nearby cases (policy.json `nearby`). */
export function takeNearbyPlace(ctx: HandlerContext): Promise<void> {
  return takeSearchQuota(ctx, 'nearbyQuota', ctx.runtime.settings.policy.nearby, '问题')
}

/** Site suggestions near a place (policy.json `siteNearby`). */
export function takeSiteNearbyPlace(ctx: HandlerContext): Promise<void> {
  return takeSearchQuota(ctx, 'siteNearbyQuota', ctx.runtime.settings.policy.siteNearby, '污染源')
}
