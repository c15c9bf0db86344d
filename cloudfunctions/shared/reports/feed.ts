import type { CaseStore, FeedEvent } from '../cases/store'

/**
 * A place in the case event feed: the order the relay copied events in, by `feedAt` then `_id` (a relay
 * batch shares one stamp). Its string form sorts as the feed does (`feedAt` is a fixed-width ISO instant).
 */
export interface FeedPosition {
  at: string
  id: string
}

export const positionOf = (event: Pick<FeedEvent, 'feedAt' | '_id'>): FeedPosition => ({
  at: event.feedAt,
  id: event._id,
})
export const positionKey = (position: FeedPosition) => `${position.at} ${position.id}`

const isAfter = (event: FeedEvent, position: FeedPosition) =>
  event.feedAt > position.at || (event.feedAt === position.at && event._id > position.id)

/**
 * The next events of the feed after `after` and before `horizon` (a `feedAt` bound), at most `limit`, in
 * feed order; `more` when the feed may go on past them. Usually one request: the page from the cursor's
 * instant on, without what the cursor passed; more than a page at one instant is paged through by id.
 */
export async function feedAfter(
  cases: CaseStore,
  after: FeedPosition | undefined,
  limit: number,
  horizon: string,
): Promise<{ events: FeedEvent[]; more: boolean }> {
  const below = (page: FeedEvent[], full: boolean) => {
    const events = page.filter((event) => event.feedAt < horizon)
    return { events, more: full && events.length === page.length }
  }
  if (!after) {
    const page = await cases.eventsFrom('', limit)
    return below(page, page.length === limit)
  }
  const page = await cases.eventsFrom(after.at, limit)
  const fresh = page.filter((event) => isAfter(event, after))
  if (fresh.length > 0 || page.length < limit) return below(fresh, page.length === limit)
  // A whole page at the cursor's instant, all passed already: the rest of that instant, then beyond it.
  const same = await cases.eventsFrom(after.at, limit, after.id)
  if (same.length > 0) return below(same, true)
  const next = new Date(Date.parse(after.at) + 1).toISOString()
  const later = await cases.eventsFrom(next, limit)
  return below(later, later.length === limit)
}
