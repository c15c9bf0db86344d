import type { AwardView } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import type { GridTree } from '../../../src/domain/grid/tree'
import {
  awardIdOf,
  awardStatusLabel,
  awardTitle,
  periodBounds,
  periodEnded,
  periodLabel,
  rankListLabels,
  rulesAt,
  type PeriodKind,
  type RankList,
} from '../../../src/domain/rewards/points'
import { LostRace, retry } from '../db/retry'
import { storesFor } from '../runtime/context'
import { AwardStore, type AwardDraftVersion, type AwardRecord } from './award-store'
import { newDelivery, type OutboxEntry } from '../notify/outbox'
import { rewardsFor } from './rewards'
import type { Runtime } from '../runtime/runtime'

export interface AwardAuthor {
  openid: string
  nickname: string
}
export const systemAuthor: AwardAuthor = { openid: 'system', nickname: '系统' }

export interface DraftRequest {
  kind: PeriodKind
  period: string
  list: RankList
  districtId: string
  exclude: string[]
  note: string
}

export function awardStore(runtime: Runtime): AwardStore {
  return new AwardStore(runtime.db)
}

/** The draft's content now: the top of the district's tally for the period, minus the people left out. */
async function composeDraft(
  runtime: Runtime,
  request: DraftRequest,
  author: AwardAuthor,
  now: Date,
): Promise<AwardRecord> {
  const { book } = rewardsFor(runtime)
  const end = periodBounds(request.period).end
  const rules = rulesAt(book, new Date(end.getTime() - 1)) ?? book.versions[0]!
  const winnersWanted = rules.awards[request.kind].winners
  const exclude = [...new Set(request.exclude)]
  const ranking = await rewardsFor(runtime).store.rank(
    { period: request.period, list: request.list, scope: `district:${request.districtId}` },
    winnersWanted + exclude.length,
  )
  const chosen = ranking.top.filter((tally) => !exclude.includes(tally.openid)).slice(0, winnersWanted)
  const nicknames = await storesFor(runtime).users.nicknames(chosen.map((tally) => tally.openid))
  return {
    _id: awardIdOf(request.kind, request.period, request.list, request.districtId),
    kind: request.kind,
    period: request.period,
    periodEnd: end.toISOString(),
    list: request.list,
    districtId: request.districtId,
    title: awardTitle(request.kind, request.list, rules),
    status: 'draft',
    winners: chosen.map((tally, index) => ({
      rank: index + 1,
      openid: tally.openid,
      nickname: nicknames.get(tally.openid) ?? '微信用户',
      points: tally.points,
      acceptedReports: tally.acceptedReports,
      firstAt: tally.firstAt,
    })),
    excluded: exclude,
    note: request.note,
    ruleVersion: rules.version,
    draftedAt: now.toISOString(),
    draftedBy: author.openid,
    draftedByName: author.nickname,
    publishedAt: null,
    publishedBy: null,
    publishedByName: null,
  }
}

/**
 * Drafts (or re-drafts) an award. Nothing is refused for timing: a period not yet over gives a draft labelled
 * 草稿·周期未结束. A published award is history and is never drafted again.
 */
export async function draftAward(
  runtime: Runtime,
  request: DraftRequest,
  author: AwardAuthor,
  now: Date,
): Promise<AwardRecord> {
  const store = awardStore(runtime)
  return retry(async () => {
    const before = await store.get(awardIdOf(request.kind, request.period, request.list, request.districtId))
    if (before?.status === 'published')
      throw new AppError('already-published', '该评选结果已经发布，不能再修改')
    const composed = await composeDraft(runtime, request, author, now)
    // A redraft keeps what it replaces: the review of an award can be read back, version by version.
    const draft: AwardRecord = before
      ? { ...composed, history: [...(before.history ?? []), versionOf(before)] }
      : composed
    const { _id: _ignored, ...patch } = draft
    if (!(await (before ? store.redraft(before, patch) : store.create(draft)))) throw new LostRace()
    return draft
  })
}

function versionOf(award: AwardRecord): AwardDraftVersion {
  const { draftedAt, draftedBy, draftedByName, winners, excluded, note, ruleVersion } = award
  return { draftedAt, draftedBy, draftedByName, winners, excluded, note, ruleVersion }
}

/**
 * The automatic draft at a period's end: made once (its key), only when someone earned points, and the
 * district office is told. Returns null when there was nothing to do.
 */
export async function draftIfAbsent(
  runtime: Runtime,
  request: DraftRequest,
  now: Date,
): Promise<AwardRecord | null> {
  const store = awardStore(runtime)
  if (await store.get(awardIdOf(request.kind, request.period, request.list, request.districtId))) return null
  const draft = await composeDraft(runtime, request, systemAuthor, now)
  if (draft.winners.length === 0 || !(await store.create(draft, [draftNotice(draft)]))) return null
  return draft
}

/**
 * Publishes the reviewed draft as it is, once: the period must be over and the draft made after it ended;
 * a second publish is refused. Each winner is told through the outbox, keyed by award and person.
 */
export async function publishAward(
  runtime: Runtime,
  awardId: string,
  author: AwardAuthor,
  now: Date,
): Promise<AwardRecord> {
  const store = awardStore(runtime)
  const award = await store.get(awardId)
  if (!award) throw new AppError('not-found', '没有找到这项评选')
  if (award.status === 'published') throw new AppError('already-published')
  if (!periodEnded(award.period, now)) {
    throw new AppError('period-not-ended', `${periodLabel(award.period)}尚未结束，结束后才能发布`)
  }
  if (award.draftedAt < award.periodEnd) {
    throw new AppError('period-not-ended', '该草稿生成于周期结束前，请重新生成草稿、审核后再发布')
  }
  const fields = {
    publishedAt: now.toISOString(),
    publishedBy: author.openid,
    publishedByName: author.nickname,
  }
  const published: AwardRecord = { ...award, ...fields, status: 'published' }
  if (!(await store.publish(award, fields, winnerNotices(published)))) {
    const after = await store.get(awardId)
    if (after?.status === 'published') throw new AppError('already-published')
    throw new AppError('conflict', '草稿已被他人重新生成，请刷新后再审核')
  }
  return published
}

function winnerNotices(award: AwardRecord): OutboxEntry[] {
  return award.winners.map((winner) => ({
    _id: `award:${award._id}:${winner.openid}`,
    kind: 'award-won',
    audience: { openid: winner.openid },
    caseId: '',
    caseNo: '',
    title: `恭喜您获评${award.title}`,
    body: `${periodLabel(award.period)}${award.title}第${winner.rank}名，积分${winner.points}`,
    message: { page: 'pkg-rewards/pages/honors/index' },
    createdAt: award.publishedAt ?? award.draftedAt,
    sentAt: null,
    delivery: newDelivery({ openid: winner.openid }, award.publishedAt ?? award.draftedAt),
    gridPath: [award.districtId],
  }))
}

/** Tells the district office a draft waits for review (once per award). */
export function draftNotice(award: AwardRecord): OutboxEntry {
  return {
    _id: `award-draft:${award._id}`,
    kind: 'award-draft',
    audience: { gridId: award.districtId, roles: ['district_office'] },
    caseId: '',
    caseNo: '',
    title: `${periodLabel(award.period)}${award.title}待审核`,
    body: `已按积分生成评选草稿（${award.winners.length}人），请审核后发布`,
    message: { page: 'pkg-rewards/pages/review/index' },
    createdAt: award.draftedAt,
    sentAt: null,
    delivery: newDelivery({ gridId: award.districtId, roles: ['district_office'] }, award.draftedAt),
    gridPath: [award.districtId],
  }
}

/** How an award reads; winners' openids only for the district office (to leave someone out when reviewing). */
export function toAwardView(award: AwardRecord, tree: GridTree, now: Date, forOffice: boolean): AwardView {
  return {
    id: award._id,
    kind: award.kind,
    title: award.title,
    period: award.period,
    periodLabel: periodLabel(award.period),
    periodEnded: periodEnded(award.period, now),
    list: award.list,
    listLabel: rankListLabels[award.list],
    districtId: award.districtId,
    districtName: tree.get(award.districtId)?.name ?? '',
    status: award.status,
    statusLabel: awardStatusLabel(award.status, award.period, now),
    winners: award.winners.map((winner) => ({
      rank: winner.rank,
      nickname: winner.nickname,
      points: winner.points,
      acceptedReports: winner.acceptedReports,
      openid: forOffice ? winner.openid : '',
    })),
    excludedCount: award.excluded.length,
    note: award.note,
    draftedAt: award.draftedAt,
    draftedBy: award.draftedByName,
    publishedAt: award.publishedAt,
    publishedBy: award.publishedByName,
  }
}
