import { createHash } from 'node:crypto'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import { draftsFor } from '../../../src/domain/rewards/points'
import { roleLabels } from '../../../src/domain/people/roles'
import type { HandlerContext } from '../runtime/context'
import { ownPhotos } from '../photos/ownership'
import { currentRules, personFacts, rewardsFor } from '../rewards/rewards'
import { gridRef } from '../cases/views'
import type { PatrolRecord, PatrolRoundRecord } from './store'
import { addToTrack, roundForCheckIn, roundView } from './rounds'

/** A check-in's id derives from who sent it and their request id, so a retried request finds the first. */
export function patrolIdFor(openid: string, requestId: string): string {
  return 'patrol-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

/**
 * A volunteer's or grid worker's patrol check-in (巡查打卡): place and photos, stored as a `patrol` document and
 * paid directly through the ledger, keyed by the check-in, so a retried request is answered with the first
 * result and never pays twice. The check-in is inserted first (a retry finds its id taken and reads the
 * first one), then paid on the caller's account as the request read it.
 */
export async function patrolCheckIn(
  ctx: HandlerContext,
  input: ActionParsedInput<'patrol.checkIn'>,
): Promise<ActionOutput<'patrol.checkIn'>> {
  const { ledger, book } = rewardsFor(ctx.runtime)
  const rules = currentRules(book, ctx.now)
  if (!rules.patrol.roles.includes(ctx.user.role))
    throw new AppError('forbidden', '只有环保志愿者和网格工作人员可以巡查打卡')
  // In a round, a check-in without a photo marks the place passed (the track) and pays nothing; a single
  // check-in, as before rounds, needs its photos.
  const round = input.roundId ? await roundForCheckIn(ctx, input.roundId) : undefined
  if (!round && input.photos.length < rules.patrol.minPhotos) {
    throw new AppError('invalid-input', undefined, {
      fields: {
        photos:
          rules.patrol.minPhotos === 1
            ? '请至少拍摄一张巡查照片'
            : `请至少拍摄${rules.patrol.minPhotos}张巡查照片`,
      },
    })
  }
  // Only the caller's own registered uploads: a check-in without a real photo is refused and pays nothing.
  const photos = input.photos.length ? await ownPhotos(ctx, input.photos) : []
  const { tree, locator } = await ctx.stores.grids.index()
  const patrols = ctx.stores.patrols
  const grid = locator.locate(input.location)
  if (!grid) {
    throw new AppError('outside-service-area', '该位置不在任何网格范围内，请确认位置后重试', {
      fields: { location: '该位置不在服务范围内' },
    })
  }
  // A patrol is of one's own beat: a check-in from anywhere else is refused, and pays nothing.
  if (!ctx.user.gridIds.some((mine) => tree.covers(mine, grid._id))) {
    throw new AppError('forbidden', '只能在您负责或所属的网格内巡查打卡', {
      fields: { location: '该位置不在您的网格内' },
    })
  }
  const fresh: PatrolRecord = {
    _id: patrolIdFor(ctx.actor.openid, input.requestId),
    openid: ctx.actor.openid,
    role: ctx.user.role,
    at: ctx.now.toISOString(),
    location: input.location,
    accuracyMeters: input.accuracyMeters,
    photos,
    note: input.note,
    gridId: grid._id,
    gridPath: tree.lineage(grid._id).map((node) => node._id),
    requestKey: `${ctx.actor.openid}:${input.requestId}`,
    ...(round ? { roundId: round._id } : {}),
  }
  let record = fresh
  let replayed = false
  if (!(await patrols.insert(fresh))) {
    // A retry: the first check-in stands, and its payment (if the first request stopped before it) is made now.
    const first = await patrols.get(fresh._id)
    if (!first) throw new AppError('conflict')
    record = first
    replayed = true
  }

  // Paying is idempotent by the ledger key, so a retry pays a check-in whose payment did not happen (the
  // function stopped in between) and never pays one twice.
  const facts = {
    kind: 'patrol' as const,
    patrolId: record._id,
    at: record.at,
    person: personFacts(ctx.user, tree, record.gridId),
    placeLabel: tree.label(record.gridId),
  }
  // The points rule is unchanged: it pays a check-in with its photos. A round's photo-less check-in pays nothing.
  const paid = record.photos.length >= rules.patrol.minPhotos
  const [draft] = paid ? draftsFor(facts, book) : []
  const entry = draft ? (await ledger.apply(draft, ctx.user)).entry : undefined
  let walked: PatrolRoundRecord | undefined
  if (record.roundId) {
    const own =
      round && round._id === record.roundId ? round : await ctx.stores.patrols.getRound(record.roundId)
    if (own)
      walked = await addToTrack(ctx, own, {
        patrolId: record._id,
        at: record.at,
        location: record.location,
        gridId: record.gridId,
        hasPhotos: record.photos.length > 0,
      })
  }
  return {
    patrol: {
      id: record._id,
      at: record.at,
      grid: gridRef(tree, record.gridId),
      note: record.note,
      photos: record.photos,
      roundId: record.roundId ?? null,
    },
    round: walked ? roundView(walked, ctx.now, ctx.runtime.settings.policy.patrolRound) : null,
    points: entry?.points ?? 0,
    pointsNote: entry
      ? entry.note
      : paid
        ? `${roleLabels[ctx.user.role]}的巡查打卡不计积分`
        : '未拍照的巡查打卡只记录轨迹，不计积分',
    replayed,
  }
}
