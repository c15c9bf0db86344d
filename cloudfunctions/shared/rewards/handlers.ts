import type { ActionOutput, ActionParsedInput, LedgerItem } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import type { GridTree } from '../../../src/domain/grid/tree'
import {
  awardTitle,
  describeRules,
  isPeriodKey,
  listFor,
  periodBounds,
  periodEnded,
  periodKeyOf,
  periodLabel,
  pointsReasonLabels,
  rankListLabels,
  rankScopeKey,
  rankScopeLabels,
  rulesAt,
  type RankList,
  type RankScopeType,
} from '../../../src/domain/rewards/points'
import { recentRange, type RecentEntry } from '../../../src/domain/rewards/account'
import { roleLabels, type Role, type User } from '../../../src/domain/people/roles'
import { personRelation, seesPatrolPlaces } from '../../../src/domain/people/scope'
import { withoutPatrolPlace } from '../../../src/domain/rewards/ledger-view'
import type { HandlerContext } from '../runtime/context'
import { currentRules, personFacts, rewardsFor } from './rewards'
import { accountOf } from './store'

function toLedgerItem(entry: RecentEntry): LedgerItem {
  return {
    id: entry._id,
    points: entry.points,
    reason: entry.reason,
    reasonLabel: pointsReasonLabels[entry.reason],
    note: entry.note,
    caseId: entry.caseId,
    patrolId: entry.patrolId,
    at: entry.at,
    ruleVersion: entry.ruleVersion,
    capped: entry.capped,
  }
}

/** The caller's own district and street office (home or first work grid), for "my" ranking scopes. */
function ownPlace(ctx: HandlerContext, tree: GridTree) {
  return personFacts(ctx.user, tree, null)
}

/**
 * My points: balance, ledger with reasons, and where I stand in this month's ranking of my district. The
 * balance, the ledger's length and my standings come with my user document; the ledger page and the
 * district's award places are one read each (plus the counts a long list needs, see RewardsStore.rank).
 */
export async function myPoints(
  ctx: HandlerContext,
  input: ActionParsedInput<'points.mine'>,
): Promise<ActionOutput<'points.mine'>> {
  const { book, store } = rewardsFor(ctx.runtime)
  const account = accountOf(ctx.user)
  const rules = currentRules(book, ctx.now)
  const list = listFor(ctx.user.role, rules)
  const period = periodKeyOf('month', ctx.now)
  const winners = rules.awards.month.winners
  const standing = account.standings[period]
  const month: ActionOutput<'points.mine'>['month'] = {
    kind: 'month',
    period,
    periodLabel: periodLabel(period),
    title: list ? awardTitle('month', list, rules) : rules.awards.month.title,
    winners,
    points: standing?.points ?? 0,
    acceptedReports: standing?.acceptedReports ?? 0,
    rank: null,
    total: 0,
    gap: null,
  }
  const ranking = async () => {
    if (!list) return
    const { tree } = await ctx.stores.grids.index()
    const districtId = standing?.districtId || ownPlace(ctx, tree).districtId
    const ranked = await store.rank(
      { period, list: standing?.list ?? list, scope: rankScopeKey('district', districtId) },
      winners,
      { openid: ctx.actor.openid, standing: standing ?? null },
    )
    month.total = ranked.total
    month.rank = ranked.me?.rank ?? null
    const last = ranked.top[winners - 1]
    if (ranked.me && ranked.me.rank <= winners) month.gap = 0
    else if (!last) month.gap = Math.max(0, 1 - month.points)
    else month.gap = Math.max(0, last.points - month.points + 1)
  }
  const [page] = await Promise.all([ledgerView(ctx, ctx.user, input.page, input.pageSize), ranking()])
  return {
    balance: account.balance,
    list,
    listLabel: list ? rankListLabels[list] : `${roleLabels[ctx.user.role]}不参加积分评比`,
    month,
    rules: describeRules(rules),
    ledger: page,
  }
}

/**
 * A page of a person's ledger, newest first. Its length is the account's entry count; an entry written but
 * not yet applied (a payment still running or stopped half-way) is left out until it counts in the balance
 * too. The latest entries come with the account on the user document, so the first page costs no read.
 * Patrol places are shown only to the person and their district office.
 */
async function ledgerView(
  ctx: HandlerContext,
  person: User,
  page: number,
  pageSize: number,
  patrolPlaces = true,
) {
  const account = accountOf(person)
  const newest = account.seq - (page - 1) * pageSize
  const oldest = Math.max(1, newest - pageSize + 1)
  const entries =
    (newest >= 1 ? recentRange(account.recent, newest, oldest) : []) ??
    (await rewardsFor(ctx.runtime).store.ledgerPage(person.openid, account.seq, page, pageSize))
  const items = entries.map(toLedgerItem)
  return {
    items: patrolPlaces ? items : items.map(withoutPatrolPlace),
    total: account.seq,
    hasMore: page * pageSize < account.seq,
    page,
    pageSize,
  }
}

/** Roles that may read a ledger other than their own, each within their scope (see personRelation). */
const ledgerReaders: readonly Role[] = ['grid_leader', 'district_office', 'supervisor']

/**
 * A person's ledger: one's own; or, for the district office and supervisor of the person's district and
 * the grid leaders whose grids hold the person's grids, someone else's, patrol places left out but for the
 * office. Anyone else is refused before anyone is looked up, and a person out of the caller's scope is
 * refused exactly as one who does not exist, so the answer says nothing about who has an account.
 */
export async function personLedger(
  ctx: HandlerContext,
  input: ActionParsedInput<'points.ledger'>,
): Promise<ActionOutput<'points.ledger'>> {
  const self = input.openid === ctx.actor.openid
  if (!self && !ledgerReaders.includes(ctx.actor.role)) {
    throw new AppError('forbidden', '只能查看自己的积分明细')
  }
  const person = self ? ctx.user : await ctx.stores.users.get(input.openid)
  // One's own ledger needs no grid tree (nor its read on a cold instance).
  const relation = self
    ? 'self'
    : person
      ? personRelation(ctx.actor, person, (await ctx.stores.grids.index()).tree)
      : null
  if (!person || !relation) throw new AppError('forbidden', '只能查看您负责范围内人员的积分明细')
  return {
    nickname: person.nickname,
    balance: accountOf(person).balance,
    ledger: await ledgerView(ctx, person, input.page, input.pageSize, seesPatrolPlaces(ctx.actor, relation)),
  }
}

/** The top of a period's tally (month, quarter or year) in a list and scope, and the caller's own place. */
export async function leaderboard(
  ctx: HandlerContext,
  input: ActionParsedInput<'points.leaderboard'>,
): Promise<ActionOutput<'points.leaderboard'>> {
  const { book } = rewardsFor(ctx.runtime)
  const period = input.period ?? periodKeyOf(input.kind, ctx.now)
  if (!isPeriodKey(input.kind, period)) {
    throw new AppError('invalid-input', undefined, {
      fields: { period: '周期与评选类型不符，例如月度为 2026-11' },
    })
  }
  const rules = rulesAt(book, new Date(periodBounds(period).end.getTime() - 1)) ?? currentRules(book, ctx.now)
  const list: RankList = input.list ?? listFor(ctx.user.role, rules) ?? 'public'
  const { tree } = await ctx.stores.grids.index()
  const scope: RankScopeType = input.scope
  let scopeId: string | null = null
  if (scope !== 'all') {
    const own = ownPlace(ctx, tree)
    scopeId = input.scopeId ?? (scope === 'district' ? own.districtId : own.streetId)
    if (!scopeId)
      throw new AppError('invalid-input', '您尚未登记所在网格，请查看全部排名', {
        fields: { scope: '请选择全部' },
      })
    if (tree.get(scopeId)?.level !== scope) {
      throw new AppError('invalid-input', undefined, {
        fields: { scopeId: scope === 'district' ? '请选择一个区' : '请选择一个街道' },
      })
    }
  }
  // My standing comes with my user document; the nicknames with the tallies.
  const ranking = await rewardsFor(ctx.runtime).store.rank(
    { period, list, scope: rankScopeKey(scope, scopeId ?? undefined) },
    input.limit,
    { openid: ctx.actor.openid, standing: accountOf(ctx.user).standings[period] ?? null },
  )
  return {
    kind: input.kind,
    period,
    periodLabel: periodLabel(period),
    ended: periodEnded(period, ctx.now),
    list,
    listLabel: rankListLabels[list],
    scope,
    scopeId,
    scopeName: scopeId ? (tree.get(scopeId)?.name ?? '') : rankScopeLabels.all,
    title: awardTitle(input.kind, list, rules),
    winners: rules.awards[input.kind].winners,
    ranked: ranking.total,
    items: ranking.top.map((tally, index) => ({
      rank: index + 1,
      nickname: tally.nickname || '微信用户',
      points: tally.points,
      acceptedReports: tally.acceptedReports,
      isMe: tally.openid === ctx.actor.openid,
    })),
    me: ranking.me,
  }
}
