import { createHash } from 'node:crypto'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { refuseSubmit } from '../../../src/domain/case/decide'
import { channelFor } from '../../../src/domain/case/acts/reporting'
import { AppError } from '../../../src/domain/shared/errors'
import {
  durationMinutes,
  refuseCheckIn,
  roundAsOf,
  withTrackPoint,
  type RoundRules,
  type TrackPoint,
} from '../../../src/domain/patrol/rounds'
import type { HandlerContext } from '../runtime/context'
import { ownPhotos } from '../photos/ownership'
import { currentRules, rewardsFor } from '../rewards/rewards'
import { caseIdFor, viewOf } from '../cases/handlers/reports'
import { fileCase } from '../cases/intake'
import { openScreening } from '../../../src/domain/content/screening'
import { reportTexts } from '../../../src/domain/content/texts'
import { checkTexts } from '../content/text-check'
import { photoIdsOf } from '../content/media-check'
import type { PatrolRoundRecord, PatrolStore } from './store'

/** A round's id derives from its walker and their request id, so a retried start finds the first. */
export function roundIdFor(openid: string, requestId: string): string {
  return 'round-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

const roundRules = (ctx: HandlerContext): RoundRules => ctx.runtime.settings.policy.patrolRound

/** The roles that patrol: those the points rules pay for patrol check-ins (volunteers and grid staff). */
export function refuseWalker(ctx: HandlerContext): void {
  const { book } = rewardsFor(ctx.runtime)
  if (!currentRules(book, ctx.now).patrol.roles.includes(ctx.user.role))
    throw new AppError('forbidden', '只有环保志愿者和网格工作人员可以巡查')
}

/** A round as its walker sees it, as of now (an abandoned round shows as ended by the clock). */
export function roundView(round: PatrolRoundRecord, now: Date, rules: RoundRules) {
  const asOf = roundAsOf(round, now, rules)
  return {
    id: asOf._id,
    startedAt: asOf.startedAt,
    endedAt: asOf.endedAt,
    endedBy: asOf.endedBy,
    open: asOf.endedAt === null,
    durationMinutes: durationMinutes(asOf, now),
    track: asOf.track,
    caseIds: asOf.caseIds,
  }
}

/** The caller's own round, or not found (someone else's round is not theirs to see). */
async function ownRound(ctx: HandlerContext, roundId: string): Promise<PatrolRoundRecord> {
  const round = await ctx.stores.patrols.getRound(roundId)
  if (!round || round.openid !== ctx.actor.openid) throw new AppError('not-found', '找不到这次巡查')
  return round
}

/**
 * Applies a change to a round, read again when another write came first (a check-in and a report at once):
 * `change` answers the fields to set for the round as read, or null when nothing is left to do.
 */
export async function changeRound(
  store: PatrolStore,
  first: PatrolRoundRecord,
  change: (round: PatrolRoundRecord) => Partial<PatrolRoundRecord> | null,
): Promise<PatrolRoundRecord> {
  let round = first
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const set = change(round)
    if (!set) return round
    if (await store.updateRound(round, set)) return { ...round, ...set, version: round.version + 1 }
    const again = await store.getRound(round._id)
    if (!again) throw new AppError('conflict')
    round = again
  }
  throw new AppError('conflict')
}

/** `patrol.startRound`: one open round per walker; a round left open past its time is ended by the clock first. */
export async function startRound(
  ctx: HandlerContext,
  input: ActionParsedInput<'patrol.startRound'>,
): Promise<ActionOutput<'patrol.startRound'>> {
  refuseWalker(ctx)
  const rules = roundRules(ctx)
  const patrols = ctx.stores.patrols
  const id = roundIdFor(ctx.actor.openid, input.requestId)
  const latest = await patrols.latestRound(ctx.actor.openid)
  if (latest?._id === id) return { round: roundView(latest, ctx.now, rules), replayed: true }
  if (latest && !latest.endedAt) {
    const asOf = roundAsOf(latest, ctx.now, rules)
    if (!asOf.endedAt) throw new AppError('conflict', '您还有一次巡查没有结束，请先结束它')
    await changeRound(patrols, latest, (round) =>
      round.endedAt ? null : { endedAt: asOf.endedAt, endedBy: 'timeout' },
    )
  }
  const fresh: PatrolRoundRecord = {
    _id: id,
    openid: ctx.actor.openid,
    role: ctx.user.role,
    startedAt: ctx.now.toISOString(),
    endedAt: null,
    endedBy: null,
    track: [],
    caseIds: [],
    requestKey: `${ctx.actor.openid}:${input.requestId}`,
    version: 0,
  }
  if (await patrols.insertRound(fresh)) return { round: roundView(fresh, ctx.now, rules), replayed: false }
  const first = await patrols.getRound(id)
  if (!first) throw new AppError('conflict')
  return { round: roundView(first, ctx.now, rules), replayed: true }
}

/** `patrol.endRound`: ends the caller's round now; one the clock already ended keeps the clock's end. */
export async function endRound(
  ctx: HandlerContext,
  input: ActionParsedInput<'patrol.endRound'>,
): Promise<ActionOutput<'patrol.endRound'>> {
  const rules = roundRules(ctx)
  const round = await ownRound(ctx, input.roundId)
  const ended = await changeRound(ctx.stores.patrols, round, (current) => {
    if (current.endedAt) return null
    const asOf = roundAsOf(current, ctx.now, rules)
    return asOf.endedAt
      ? { endedAt: asOf.endedAt, endedBy: 'timeout' }
      : { endedAt: ctx.now.toISOString(), endedBy: 'walker' }
  })
  return { round: roundView(ended, ctx.now, rules) }
}

/** `patrol.round`: the round named, or the caller's latest. */
export async function readRound(
  ctx: HandlerContext,
  input: ActionParsedInput<'patrol.round'>,
): Promise<ActionOutput<'patrol.round'>> {
  const round = input.roundId
    ? await ownRound(ctx, input.roundId)
    : await ctx.stores.patrols.latestRound(ctx.actor.openid)
  return { round: round ? roundView(round, ctx.now, roundRules(ctx)) : null }
}

/** The caller's round a check-in joins, refused when it is not theirs, is over, or is full. */
export async function roundForCheckIn(ctx: HandlerContext, roundId: string): Promise<PatrolRoundRecord> {
  const round = await ownRound(ctx, roundId)
  const refused = refuseCheckIn(round, ctx.actor.openid, ctx.now, roundRules(ctx))
  if (refused) throw new AppError('conflict', refused)
  return round
}

/** Adds a check-in to its round's track (once, however often it is retried). */
export async function addToTrack(
  ctx: HandlerContext,
  round: PatrolRoundRecord,
  point: TrackPoint,
): Promise<PatrolRoundRecord> {
  return changeRound(ctx.stores.patrols, round, (current) =>
    current.track.some((known) => known.patrolId === point.patrolId)
      ? null
      : { track: withTrackPoint(current.track, point) },
  )
}

/**
 * `patrol.report` (发现问题): a problem found on the caller's open round filed as a case through the one intake
 * (`fileCase` → the domain's `openCase`), at the place given, in one of the caller's own grids. Grid staff
 * file it with source "patrol"; a volunteer, whom the channel table lets report only as a resident, files it
 * through that channel (counted as a volunteer's report). A retry finds the first case.
 */
export async function reportFromRound(
  ctx: HandlerContext,
  input: ActionParsedInput<'patrol.report'>,
): Promise<ActionOutput<'patrol.report'>> {
  refuseWalker(ctx)
  const round = await ownRound(ctx, input.roundId)
  const caseId = caseIdFor(`patrol:${ctx.actor.openid}`, input.requestId)
  const { tree, locator } = await ctx.stores.grids.index()
  const grid = locator.locate(input.location)
  const channel = channelFor(ctx.user.role, 'patrol') ?? 'resident'
  const actor = { ...ctx.actor, nickname: ctx.user.nickname }
  const refused = refuseSubmit({ ...input, channel }, actor, grid, ctx.runtime.settings.categories)
  if (refused)
    throw new AppError(refused.code, refused.message, refused.fields ? { fields: refused.fields } : {})
  if (!ctx.user.gridIds.some((mine) => tree.covers(mine, grid!._id))) {
    throw new AppError('forbidden', '只能报告您负责或所属网格内的问题', {
      fields: { location: '该位置不在您的网格内' },
    })
  }
  const known = round.caseIds.includes(caseId)
  if (!known && roundAsOf(round, ctx.now, roundRules(ctx)).endedAt)
    throw new AppError('conflict', '本次巡查已结束，请重新开始巡查')
  const photos = input.photos.length ? await ownPhotos(ctx, input.photos) : []
  // Screened like a report: the words by WeChat now, the photos by their verdicts (the case waits for them).
  const textVerdict = await checkTexts(ctx.runtime, ctx.actor.openid, reportTexts(input))
  const screening = openScreening(textVerdict, photoIdsOf(photos), ctx.user.photoChecks)
  const { record, inserted } = await fileCase(ctx.runtime, ctx.stores, {
    intake: {
      channel,
      categoryId: input.categoryId,
      checkId: input.checkId,
      description: input.description,
      photos,
      location: input.location,
      accuracyMeters: input.accuracyMeters,
      address: input.address,
      anonymous: false,
      major: input.major,
      reporter: { id: ctx.actor.openid, nickname: ctx.user.nickname, isPerson: true },
      requestKey: `patrol:${ctx.actor.openid}:${input.requestId}`,
    },
    actor,
    caseId,
    grid: grid!,
    now: ctx.now,
    screening,
  })
  if (!known)
    await changeRound(ctx.stores.patrols, round, (current) =>
      current.caseIds.includes(caseId) ? null : { caseIds: [...current.caseIds, caseId] },
    )
  if (inserted) return { case: await viewOf(ctx, record), replayed: false }
  const earlier = await ctx.stores.cases.get(caseId)
  if (!earlier) throw new AppError('conflict')
  return { case: await viewOf(ctx, earlier), replayed: true }
}
