import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { isStaff } from '../../../src/domain/people/roles'
import { AppError } from '../../../src/domain/shared/errors'
import { marksWith } from '../../../src/domain/sites/rules'
import { actOnCase } from '../cases/act'
import { viewOf } from '../cases/handlers/reports'
import { LostRace, retry } from '../db/retry'
import type { CaseRecord } from '../../../src/domain/case/record'
import type { HandlerContext } from '../runtime/context'
import { siteStoreFor, type SiteRecord } from './store'

/**
 * `case.linkSite`: files a case under a registered site. The act on the case is the commit point (the domain
 * decides who may, and the event names the site); then the site's history gets the case, and the site's
 * marks count it, both idempotent by the case. A case linked already is refused (as a repeated join is), after
 * any of that work a first request left undone (it stopped after the act) is done, so no case counts twice.
 */
export async function linkCaseToSite(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.linkSite'>,
): Promise<ActionOutput<'case.linkSite'>> {
  const rules = ctx.runtime.settings.sites
  const [site, before] = await Promise.all([
    siteStoreFor(ctx.runtime).get(input.siteId),
    ctx.stores.cases.get(input.caseId),
  ])
  if (!before) throw new AppError('not-found', '没有找到这个问题')
  if (!site) throw new AppError('not-found', '没有找到这个污染源档案')
  if (before.siteId === site._id) {
    // Linked already, as a repeated join is followed already: refused, once a link whose first request
    // stopped after the act has had its history entry and marks made (which changes nothing when they were).
    const { tree } = await ctx.stores.grids.index()
    const covers = isStaff(ctx.user.role) && tree.coversAny(ctx.actor.gridIds, before.gridId)
    if (!covers && before.reporterId !== ctx.actor.openid) throw new AppError('forbidden')
    await fileUnderSite(ctx, site, before)
    throw new AppError('conflict', '该问题已关联此污染源档案')
  }
  const { record } = await actOnCase(
    ctx.runtime,
    ctx.stores,
    before._id,
    {
      type: 'link-site',
      site: { id: site._id, name: site.name, type: site.type, gridId: site.gridId, location: site.location },
      reachMeters: rules.nearby.radiusMeters,
    },
    { ...ctx.actor, nickname: ctx.user.nickname },
    ctx.now,
  )
  await fileUnderSite(ctx, site, record)
  return { case: await viewOf(ctx, record) }
}

/** The site's side of a link: the history entry, and the marks its colour is read from; each at most once. */
async function fileUnderSite(ctx: HandlerContext, site: SiteRecord, record: CaseRecord): Promise<void> {
  const rules = ctx.runtime.settings.sites
  const store = siteStoreFor(ctx.runtime)
  await store.putLink({
    _id: `${site._id}:${record._id}`,
    siteId: site._id,
    caseId: record._id,
    caseNo: record.caseNo,
    categoryId: record.categoryId,
    description: record.description.slice(0, 100),
    reportedAt: record.createdAt,
    linkedAt: ctx.now.toISOString(),
    linkedBy: ctx.actor.openid,
    linkedByNickname: ctx.user.nickname,
  })
  const linked = { caseId: record._id, reportedAt: record.createdAt }
  await retry(async (attempt) => {
    const current = attempt === 1 ? site : await store.get(site._id)
    if (!current) return
    const marks = marksWith(current, linked, rules)
    if (marks === current || marks.recentCases === current.recentCases) return
    if (!(await store.update(current, marks))) throw new LostRace()
  })
}
