import { findCategory } from '../../../../src/domain/case/categories'
import { openStatuses } from '../../../../src/domain/case/status'
import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import { AppError } from '../../../../src/domain/shared/errors'
import { periodBounds, periodKeyOf } from '../../../../src/domain/shared/time'
import { caseAccess, nearbyBand } from '../../../../src/domain/case/visibility'
import { isStaff } from '../../../../src/domain/people/roles'
import type { HandlerContext } from '../../runtime/context'
import { takeNearbyPlace } from '../rate-limit'
import { checkpointsOfDay, latestCheckpoint } from '../checkpoints'
import { verifyAgainstCheckpoint, verifyCopies, verifyTrail } from '../trail'
import { gridRef, toCaseView } from '../views'

const metresPerDegreeLat = 111_320
/** How far a rounded place may lie from the exact one (half of 0.001° each way), so the box misses none. */
const roundingSlackDegrees = 0.0006

/**
 * Open cases of the same category near the caller's stated place, so the reporter can join one instead of
 * reporting again. Only within the category's radius (capped by the policy), only the nearest few, each with
 * a distance band to its rounded place, and rate-limited per caller: a search near one's own spot, not a way
 * to list or locate cases. A place outside the service area finds nothing. The quota is taken alongside the
 * search, so it costs a request but no wait. The candidates come with only their place and visibility, and
 * the nearest few are then read in full by id: one request more where something is near, instead of every
 * candidate's whole case.
 */
export async function nearbyCases(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.nearby'>,
): Promise<ActionOutput<'case.nearby'>> {
  const category = findCategory(input.categoryId, ctx.runtime.settings.categories)
  if (!category)
    throw new AppError('invalid-input', undefined, { fields: { categoryId: '请选择有效的问题类别' } })
  const policy = ctx.runtime.settings.policy.nearby
  const radius = Math.min(category.dedupeRadiusMeters, policy.maxRadiusMeters)
  const { tree, locator } = await ctx.stores.grids.index()
  if (!locator.locate(input.location)) return { radiusMeters: radius, items: [] }
  const dLat = radius / metresPerDegreeLat + roundingSlackDegrees
  const dLng =
    radius / (metresPerDegreeLat * Math.cos((input.location.lat * Math.PI) / 180)) + roundingSlackDegrees
  const [candidates] = await Promise.all([
    ctx.stores.cases.listOpenInBox(category.id, openStatuses, {
      minLng: input.location.lng - dLng,
      maxLng: input.location.lng + dLng,
      minLat: input.location.lat - dLat,
      maxLat: input.location.lat + dLat,
    }),
    takeNearbyPlace(ctx),
  ])
  const nearest = candidates
    // A case whose content has not passed is not there for the public yet (its reporter and staff see it).
    .filter((candidate) => caseAccess(candidate, ctx.actor, tree).listed)
    .flatMap((candidate) => {
      const near = nearbyBand(input.location, candidate.location, radius, policy.bandsMeters)
      return near ? [{ id: candidate._id, ...near }] : []
    })
    // Stable: among equally near ones the newest (the candidates' order) comes first.
    .sort((a, b) => a.meters - b.meters)
    .slice(0, policy.maxItems)
  const records = nearest.length > 0 ? await ctx.stores.cases.getMany(nearest.map(({ id }) => id)) : new Map()
  const items = nearest.flatMap(({ id, band }) => {
    const record = records.get(id)
    // Seen as it is at the second read, which may differ from the first (its content since judged).
    if (!record || !caseAccess(record, ctx.actor, tree).listed) return []
    return [{ ...toCaseView(record, ctx.actor, tree, ctx.runtime.settings.categories), distance: band }]
  })
  return { radiusMeters: radius, items }
}

/**
 * Re-computes a case's keyed hash chain on the case (its status and content included), checks it against
 * the case's latest daily checkpoint (a cut-short or rebuilt chain), then the copies the projections read;
 * whoever sees the case in full may ask.
 */
export async function verifyCaseTrail(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.verifyTrail'>,
): Promise<ActionOutput<'case.verifyTrail'>> {
  const [found, checkpoint] = await Promise.all([
    ctx.stores.cases.withCopies(input.caseId),
    latestCheckpoint(ctx.runtime, input.caseId),
  ])
  if (!found) throw new AppError('not-found', '没有找到这个问题')
  const { record, trail, copies, relayedCount } = found
  const { tree } = await ctx.stores.grids.index()
  if (!caseAccess(record, ctx.actor, tree).full) throw new AppError('forbidden')
  const key = ctx.runtime.trailKey
  const verdicts = [
    () => verifyTrail(trail, record, key),
    () => (checkpoint ? verifyAgainstCheckpoint(trail, checkpoint, key) : undefined),
    () => verifyCopies(trail, copies, relayedCount, key),
  ]
  for (const check of verdicts) {
    const verdict = check()
    if (verdict && !verdict.intact) return verdict
  }
  return { intact: true, events: trail.length, brokenAt: null, reason: null }
}

/**
 * Yellow and red cards counted against a grid (and the grids below it) this Beijing month, the period a
 * grid is assessed over, and its open overdue cases now.
 */
export async function gridCards(
  ctx: HandlerContext,
  input: ActionParsedInput<'grid.cards'>,
): Promise<ActionOutput<'grid.cards'>> {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden')
  const { tree } = await ctx.stores.grids.index()
  const gridId = input.gridId ?? ctx.actor.gridIds[0]
  if (!gridId || !tree.get(gridId)) throw new AppError('not-found', '没有找到这个网格')
  if (!ctx.actor.gridIds.some((mine) => tree.covers(mine, gridId)))
    throw new AppError('forbidden', '该网格不在您的负责范围内')
  const subtree = tree
    .all()
    .filter((node) => tree.covers(gridId, node._id))
    .map((node) => node._id)
  const month = periodKeyOf('month', ctx.now)
  const [cards, openOverdue] = await Promise.all([
    ctx.stores.cases.countCards(subtree, periodBounds(month).start.toISOString()),
    ctx.stores.cases.countOpenOverdue(gridId, ctx.now.toISOString()),
  ])
  return {
    grid: gridRef(tree, gridId),
    month,
    yellow: cards.yellow,
    red: cards.red,
    openOverdue,
  }
}

/**
 * A day's checkpoint statements as the checkpoint job signed them: the district office (or a supervisor)
 * saves them page by page as the district's own copy, which no later change to the database can reach.
 */
export async function trailCheckpoints(
  ctx: HandlerContext,
  input: ActionParsedInput<'trail.checkpoints'>,
): Promise<ActionOutput<'trail.checkpoints'>> {
  if (ctx.actor.role !== 'district_office' && ctx.actor.role !== 'supervisor')
    throw new AppError('forbidden', '只有区级办公室和督查人员可以导出存证')
  const { items, hasMore } = await checkpointsOfDay(ctx.runtime, input.day, input.page, input.pageSize)
  return {
    day: input.day,
    items: items.map(({ caseId, seq, hash, day, signature, signedAt }) => ({
      caseId,
      seq,
      hash,
      day,
      signature,
      signedAt,
    })),
    total: hasMore ? null : (input.page - 1) * input.pageSize + items.length,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}
