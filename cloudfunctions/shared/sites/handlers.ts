import { createHash } from 'node:crypto'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { findCategory } from '../../../src/domain/case/categories'
import type { GridTree } from '../../../src/domain/grid/tree'
import { isStaff } from '../../../src/domain/people/roles'
import { districtOf } from '../../../src/domain/people/scope'
import { AppError } from '../../../src/domain/shared/errors'
import { distanceMeters, placeCellOf, placeCellsCovering } from '../../../src/domain/shared/geo'
import type { SiteFields } from '../../../src/domain/sites/contract'
import {
  naturalKeyOf,
  noMarks,
  repeatOffences,
  siteStatusAt,
  siteStatusLabels,
  siteTypeLabel,
  statusCutoff,
  type SiteRules,
} from '../../../src/domain/sites/rules'
import { LostRace, retry } from '../db/retry'
import { takeSiteNearbyPlace } from '../cases/rate-limit'
import { gridRef } from '../cases/views'
import type { HandlerContext } from '../runtime/context'
import { siteStoreFor, type SiteRecord } from './store'

/** A site's id derives from its district and natural key, so one site is one document however it came in. */
export function siteIdFor(districtId: string, naturalKey: string): string {
  return 'site-' + createHash('sha256').update(`${districtId}\n${naturalKey}`).digest('hex').slice(0, 24)
}

/** A site as staff see it, its colour read at `now`. */
export function siteView(record: SiteRecord, tree: GridTree, rules: SiteRules, now: Date) {
  const status = siteStatusAt(record, now, rules)
  const cutoff = statusCutoff(now, rules)
  return {
    id: record._id,
    name: record.name,
    type: record.type,
    typeLabel: siteTypeLabel(rules, record.type),
    address: record.address,
    location: record.location,
    grid: gridRef(tree, record.gridId),
    creditCode: record.creditCode,
    responsibleUnit: record.responsibleUnit,
    contactName: record.contactName,
    contactPhone: record.contactPhone,
    status,
    statusLabel: siteStatusLabels[status],
    recentCases: record.recentCases.filter((entry) => entry.reportedAt >= cutoff).length,
    updatedAt: record.updatedAt,
  }
}

function requireStaff(ctx: HandlerContext): void {
  if (!isStaff(ctx.user.role)) throw new AppError('forbidden', '只有工作人员可以查看和维护污染源档案')
}

function requireKnownType(rules: SiteRules, type: string): void {
  if (!rules.types.some((known) => known.id === type))
    throw new AppError('invalid-input', undefined, { fields: { type: '请选择有效的类型' } })
}

/** The grid a site's point lies in, which must be one the caller works over. */
async function placeFor(ctx: HandlerContext, location: SiteFields['location']) {
  const { tree, locator } = await ctx.stores.grids.index()
  const grid = locator.locate(location)
  if (!grid)
    throw new AppError('outside-service-area', '该位置不在任何网格范围内，请确认位置后重试', {
      fields: { location: '该位置不在服务范围内' },
    })
  if (!tree.coversAny(ctx.actor.gridIds, grid._id))
    throw new AppError('forbidden', '只能登记您负责的网格内的污染源', {
      fields: { location: '该位置不在您负责的网格内' },
    })
  const districtId = districtOf(tree, [grid._id])
  if (!districtId) throw new AppError('outside-service-area', '该位置不在任何区的范围内')
  return { tree, gridId: grid._id, districtId }
}

function placeFields(tree: GridTree, gridId: string, fields: SiteFields) {
  return {
    placeCell: placeCellOf(fields.location),
    gridId,
    gridPath: tree.lineage(gridId).map((node) => node._id),
  }
}

/** The fields a form or a row sets, in the order they are stored (so equal rows compare equal). */
function enteredFields(fields: SiteFields): SiteFields {
  return {
    name: fields.name,
    type: fields.type,
    address: fields.address,
    location: { lng: fields.location.lng, lat: fields.location.lat },
    creditCode: fields.creditCode,
    responsibleUnit: fields.responsibleUnit,
    contactName: fields.contactName,
    contactPhone: fields.contactPhone,
  }
}

/**
 * Staff register a site within their grids. Its id comes from its natural key, so the same site entered twice
 * is refused naming the first; a retry of the same request (same request id) answers with the site it made.
 */
export async function createSite(
  ctx: HandlerContext,
  input: ActionParsedInput<'site.create'>,
): Promise<ActionOutput<'site.create'>> {
  requireStaff(ctx)
  const rules = ctx.runtime.settings.sites
  requireKnownType(rules, input.type)
  const fields = enteredFields(input)
  const { tree, gridId, districtId } = await placeFor(ctx, fields.location)
  const naturalKey = naturalKeyOf(fields)
  const at = ctx.now.toISOString()
  const record: SiteRecord = {
    _id: siteIdFor(districtId, naturalKey),
    ...fields,
    ...noMarks,
    ...placeFields(tree, gridId, fields),
    districtId,
    naturalKey,
    version: 0,
    source: 'form',
    createdAt: at,
    createdBy: ctx.actor.openid,
    updatedAt: at,
    updatedBy: ctx.actor.openid,
    requestKey: `${ctx.actor.openid}:${input.requestId}`,
  }
  const store = siteStoreFor(ctx.runtime)
  if (await store.insert(record)) return { site: siteView(record, tree, rules, ctx.now), replayed: false }
  const first = await store.get(record._id)
  if (!first) throw new AppError('conflict')
  if (first.requestKey !== record.requestKey)
    throw new AppError('conflict', `该污染源已登记：${first.name}（${first.address}）`, {
      details: { siteId: first._id },
    })
  return { site: siteView(first, tree, rules, ctx.now), replayed: true }
}

/** Reads a site the caller may see: staff whose grids cover it. */
async function readSite(ctx: HandlerContext, siteId: string): Promise<{ site: SiteRecord; tree: GridTree }> {
  requireStaff(ctx)
  const [site, { tree }] = await Promise.all([
    siteStoreFor(ctx.runtime).get(siteId),
    ctx.stores.grids.index(),
  ])
  if (!site || !tree.coversAny(ctx.actor.gridIds, site.gridId))
    throw new AppError('not-found', '没有找到这个污染源档案')
  return { site, tree }
}

/**
 * Staff change a site they cover (and may move it only within their grids). Its natural key stays what it was
 * when it was registered, so that its id and its history stay put. A change that lost to another is made again
 * on the fresh site.
 */
export async function updateSite(
  ctx: HandlerContext,
  input: ActionParsedInput<'site.update'>,
): Promise<ActionOutput<'site.update'>> {
  const rules = ctx.runtime.settings.sites
  requireKnownType(rules, input.type)
  const fields = enteredFields(input)
  const store = siteStoreFor(ctx.runtime)
  return retry(async () => {
    const { site, tree } = await readSite(ctx, input.siteId)
    const { gridId, districtId } = await placeFor(ctx, fields.location)
    if (districtId !== site.districtId) throw new AppError('invalid-input', '污染源不能移到其他区')
    const patch = {
      ...fields,
      ...placeFields(tree, gridId, fields),
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.actor.openid,
    }
    if (!(await store.update(site, patch))) throw new LostRace()
    return { site: siteView({ ...site, ...patch, version: site.version + 1 }, tree, rules, ctx.now) }
  })
}

/** How many of a site's linked cases its page lists. */
export const historyLimit = 50

/** A site with its linked cases, newest first, and the categories it was reported for more than once lately. */
export async function getSite(
  ctx: HandlerContext,
  input: ActionParsedInput<'site.get'>,
): Promise<ActionOutput<'site.get'>> {
  const rules = ctx.runtime.settings.sites
  const { site, tree } = await readSite(ctx, input.siteId)
  const store = siteStoreFor(ctx.runtime)
  const links = await store.history(site._id, historyLimit)
  const caseCount = links.length < historyLimit ? links.length : await store.historyCount(site._id)
  const catalog = ctx.runtime.settings.categories
  const label = (categoryId: string) => findCategory(categoryId, catalog)?.name ?? categoryId
  return {
    site: siteView(site, tree, rules, ctx.now),
    caseCount,
    history: links.map((link) => ({
      caseId: link.caseId,
      caseNo: link.caseNo,
      categoryId: link.categoryId,
      categoryLabel: label(link.categoryId),
      description: link.description,
      reportedAt: link.reportedAt,
      linkedAt: link.linkedAt,
      linkedByNickname: link.linkedByNickname,
    })),
    repeatOffences: repeatOffences(links, ctx.now, rules).map((offence) => ({
      ...offence,
      label: label(offence.categoryId),
    })),
    windowDays: rules.status.windowDays,
  }
}

/** The caller's grids with those under another of them left out, so that no site is listed twice. */
function topGrids(tree: GridTree, gridIds: readonly string[]): string[] {
  return gridIds.filter(
    (gridId, index) =>
      !gridIds.some(
        (other, otherIndex) => otherIndex !== index && other !== gridId && tree.covers(other, gridId),
      ) && gridIds.indexOf(gridId) === index,
  )
}

/** The sites in the caller's grids, newest change first, or of one colour; of one type or all. */
export async function listSites(
  ctx: HandlerContext,
  input: ActionParsedInput<'site.list'>,
): Promise<ActionOutput<'site.list'>> {
  requireStaff(ctx)
  const rules = ctx.runtime.settings.sites
  const types = rules.types.map((type) => ({ id: type.id, label: type.label }))
  if (input.type) requireKnownType(rules, input.type)
  const { tree } = await ctx.stores.grids.index()
  const gridIds = topGrids(tree, ctx.actor.gridIds)
  if (gridIds.length === 0)
    return { items: [], total: 0, hasMore: false, page: input.page, pageSize: input.pageSize, types }
  const range = input.status ? { status: input.status, cutoff: statusCutoff(ctx.now, rules) } : undefined
  const read = await siteStoreFor(ctx.runtime).list(
    gridIds,
    input.type ? [input.type] : types.map((type) => type.id),
    range,
    input.page,
    input.pageSize,
  )
  return {
    ...read,
    items: read.items.map((site) => siteView(site, tree, rules, ctx.now)),
    page: input.page,
    pageSize: input.pageSize,
    types,
  }
}

const metresPerDegreeLat = 111_320

/**
 * The registered sites near a chosen place, nearest first, for the report page to suggest: everyone signed in
 * may ask, and a resident or volunteer sees only each site's name and type. Rate-limited per caller like
 * case.nearby (a search near one's own spot, not a way to walk the register); the quota is taken alongside
 * the search, so it costs a request but no wait. A place outside the service area spends none.
 */
export async function nearbySites(
  ctx: HandlerContext,
  input: ActionParsedInput<'site.nearby'>,
): Promise<ActionOutput<'site.nearby'>> {
  const rules = ctx.runtime.settings.sites
  const radius = rules.nearby.radiusMeters
  const { locator } = await ctx.stores.grids.index()
  if (!locator.locate(input.location)) return { radiusMeters: radius, items: [] }
  const dLat = radius / metresPerDegreeLat
  const dLng = radius / (metresPerDegreeLat * Math.cos((input.location.lat * Math.PI) / 180))
  const cells = placeCellsCovering({
    minLng: input.location.lng - dLng,
    maxLng: input.location.lng + dLng,
    minLat: input.location.lat - dLat,
    maxLat: input.location.lat + dLat,
  })
  const staff = isStaff(ctx.user.role)
  const [candidates] = await Promise.all([siteStoreFor(ctx.runtime).inCells(cells), takeSiteNearbyPlace(ctx)])
  const items = candidates
    .map((site) => ({ site, meters: distanceMeters(input.location, site.location) }))
    .filter((near) => near.meters <= radius)
    .sort((a, b) => a.meters - b.meters || a.site._id.localeCompare(b.site._id))
    .slice(0, rules.nearby.maxItems)
    .map(({ site, meters }) => ({
      id: site._id,
      name: site.name,
      type: site.type,
      typeLabel: siteTypeLabel(rules, site.type),
      ...(staff ? { address: site.address, meters: Math.round(meters) } : {}),
    }))
  return { radiusMeters: radius, items }
}
