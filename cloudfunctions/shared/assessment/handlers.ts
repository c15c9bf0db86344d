import type { ActionOutput, ActionParsedInput, AssessmentView } from '../../../src/domain/contract'
import { assessmentIndicatorLabels } from '../../../src/domain/assessment/rules'
import { composeLeagues } from '../../../src/domain/assessment/leagues'
import type { GridTree } from '../../../src/domain/grid/tree'
import { isStaff } from '../../../src/domain/people/roles'
import { figuresOf, nodeSheetSchema } from '../../../src/domain/reports/overview'
import { statsDocId, statsHomeOf } from '../../../src/domain/reports/rollup'
import { AppError } from '../../../src/domain/shared/errors'
import { periodBounds, periodEnded, periodLabel } from '../../../src/domain/shared/time'
import { LostRace, retry } from '../db/retry'
import { statsStoreFor } from '../reports/store'
import type { HandlerContext } from '../runtime/context'
import { assessmentIdOf, assessmentStoreFor, type AssessmentRecord } from './store'

/** The districts the caller's grids lie in. */
function districtsOf(ctx: HandlerContext, tree: GridTree): string[] {
  const ids = ctx.actor.gridIds.map((gridId) => tree.ancestorAt(gridId, 'district')?._id)
  return [...new Set(ids.filter((id): id is string => Boolean(id)))]
}

/** Drafts and publishing are the district office's; the supervisor may read drafts too. */
function officeDistrict(ctx: HandlerContext, tree: GridTree): string {
  const districtId = ctx.actor.role === 'district_office' ? districtsOf(ctx, tree)[0] : undefined
  if (!districtId) throw new AppError('forbidden', '只有区级办公室可以生成和发布考核结果')
  return districtId
}

/**
 * The district's month scored from the desk's documents: one read of its streets' (and the district's
 * own) month documents by id, however many nodes; nothing is counted over cases.
 */
async function composeDraft(
  ctx: HandlerContext,
  tree: GridTree,
  districtId: string,
  month: string,
  version: number,
  history: AssessmentRecord['history'],
): Promise<AssessmentRecord> {
  const rules = ctx.runtime.settings.assessment
  const categoryIds = ctx.runtime.settings.categories.categories.map((category) => category.id)
  const homes = new Set<string>()
  for (const node of tree.all())
    if (node._id !== districtId && tree.covers(districtId, node._id)) {
      const home = statsHomeOf(tree, node._id)
      if (home) homes.add(home)
    }
  const docs = await statsStoreFor(ctx.runtime).documents([...homes].map((home) => statsDocId(home, month)))
  const figures = (nodeId: string) => {
    const stored = docs.get(statsDocId(statsHomeOf(tree, nodeId)!, month))?.n[nodeId]
    const parsed = nodeSheetSchema.safeParse(stored ?? {})
    return figuresOf(parsed.success ? parsed.data : undefined, categoryIds)
  }
  const stamps = [...docs.values()].map((doc) => doc.updatedAt).sort()
  return {
    _id: assessmentIdOf(districtId, month),
    districtId,
    month,
    monthEnd: periodBounds(month).end.toISOString(),
    status: 'draft',
    version,
    weights: rules.indicators,
    leagues: composeLeagues(tree, districtId, figures, rules),
    figuresAsOf: stamps[stamps.length - 1] ?? null,
    draftedAt: ctx.now.toISOString(),
    draftedBy: ctx.actor.openid,
    draftedByName: ctx.user.nickname,
    publishedAt: null,
    publishedBy: null,
    publishedByName: null,
    history,
  }
}

const sameContent = (a: AssessmentRecord, b: AssessmentRecord) =>
  JSON.stringify([a.weights, a.leagues]) === JSON.stringify([b.weights, b.leagues])

/**
 * Drafts the district's month, idempotently: a redraft that changes nothing (and is on the same side of
 * the month's end) answers the draft there is; one that changes it replaces it and keeps it as history.
 * A published month is history and is never drafted again.
 */
export async function draftAssessment(
  ctx: HandlerContext,
  input: ActionParsedInput<'assessment.draft'>,
): Promise<ActionOutput<'assessment.draft'>> {
  const { tree } = await ctx.stores.grids.index()
  const districtId = officeDistrict(ctx, tree)
  const store = assessmentStoreFor(ctx.runtime)
  const saved = await retry(async () => {
    const before = await store.get(assessmentIdOf(districtId, input.month))
    if (before?.status === 'published')
      throw new AppError('already-published', '该月考核结果已经发布，不能再修改')
    const history = before
      ? [
          ...before.history,
          { version: before.version, draftedAt: before.draftedAt, draftedBy: before.draftedByName },
        ]
      : []
    const draft = await composeDraft(ctx, tree, districtId, input.month, (before?.version ?? 0) + 1, history)
    const sameSide = before && before.draftedAt >= before.monthEnd === draft.draftedAt >= draft.monthEnd
    if (before && sameSide && sameContent(before, draft)) return before
    if (!(await store.saveDraft(before, draft))) throw new LostRace()
    return draft
  })
  return { assessment: toView(saved, tree, ctx.now, true) }
}

/** Publishes the month's reviewed draft: once, after the month is over, from a draft made after it. */
export async function publishAssessment(
  ctx: HandlerContext,
  input: ActionParsedInput<'assessment.publish'>,
): Promise<ActionOutput<'assessment.publish'>> {
  const { tree } = await ctx.stores.grids.index()
  const districtId = officeDistrict(ctx, tree)
  const store = assessmentStoreFor(ctx.runtime)
  const draft = await store.get(assessmentIdOf(districtId, input.month))
  if (!draft) throw new AppError('not-found', '该月还没有考核草稿，请先生成草稿')
  if (draft.status === 'published') throw new AppError('already-published', '该月考核结果已经发布')
  if (!periodEnded(draft.month, ctx.now))
    throw new AppError('period-not-ended', `${periodLabel(draft.month)}尚未结束，结束后才能发布`)
  if (draft.draftedAt < draft.monthEnd)
    throw new AppError('period-not-ended', '该草稿生成于月份结束前，请重新生成草稿、审核后再发布')
  const fields = {
    publishedAt: ctx.now.toISOString(),
    publishedBy: ctx.actor.openid,
    publishedByName: ctx.user.nickname,
  }
  if (!(await store.publish(draft, fields))) {
    const after = await store.get(draft._id)
    if (after?.status === 'published') throw new AppError('already-published', '该月考核结果已经发布')
    throw new AppError('conflict', '草稿已被他人重新生成，请刷新后再审核')
  }
  return { assessment: toView({ ...draft, ...fields, status: 'published' }, tree, ctx.now, true) }
}

/** How many months a list without a month shows. */
const recentMonths = 12

/**
 * The assessments of the caller's district, newest month first: published ones for its staff, drafts as
 * well for the district office and the supervisor. Residents and volunteers see none.
 */
export async function listAssessments(
  ctx: HandlerContext,
  input: ActionParsedInput<'assessment.list'>,
): Promise<ActionOutput<'assessment.list'>> {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden', '考核结果仅供网格工作人员和区级部门查看')
  const { tree } = await ctx.stores.grids.index()
  const districts = districtsOf(ctx, tree)
  if (districts.length === 0) return { items: [] }
  const reviewer = ctx.actor.role === 'district_office' || ctx.actor.role === 'supervisor'
  const statuses = reviewer ? (['draft', 'published'] as const) : (['published'] as const)
  const store = assessmentStoreFor(ctx.runtime)
  const records = input.month
    ? (await store.byIds(districts.map((id) => assessmentIdOf(id, input.month!)))).filter((record) =>
        (statuses as readonly string[]).includes(record.status),
      )
    : await store.months(districts, statuses, recentMonths)
  const items = records.map((record) => toView(record, tree, ctx.now, reviewer))
  return {
    items: input.level
      ? items.map((item) => ({
          ...item,
          leagues: item.leagues.filter((league) => league.level === input.level),
        }))
      : items,
  }
}

function toView(record: AssessmentRecord, tree: GridTree, now: Date, reviewer: boolean): AssessmentView {
  const ended = periodEnded(record.month, now)
  return {
    id: record._id,
    districtId: record.districtId,
    districtName: tree.get(record.districtId)?.name ?? '',
    month: record.month,
    monthLabel: periodLabel(record.month),
    periodEnded: ended,
    status: record.status === 'published' ? 'published' : 'draft',
    statusLabel: record.status === 'published' ? '已发布' : ended ? '草稿' : '草稿·月份未结束',
    version: record.version,
    weights: record.weights.map((item) => ({ ...item, label: assessmentIndicatorLabels[item.id] })),
    leagues: record.leagues,
    figuresAsOf: record.figuresAsOf,
    draftedAt: record.draftedAt,
    draftedBy: record.draftedByName,
    publishedAt: record.publishedAt,
    publishedBy: record.publishedByName,
    history: reviewer ? record.history : [],
  }
}
