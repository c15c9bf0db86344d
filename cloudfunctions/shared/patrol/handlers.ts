import { createHash } from 'node:crypto'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import { draftsFor } from '../../../src/domain/rewards/points'
import { roleLabels } from '../../../src/domain/people/roles'
import type { HandlerContext } from '../runtime/context'
import { isDuplicateKey } from '../db/results'
import { currentRules, personFacts, rewardsFor } from '../rewards/rewards'
import { gridRef } from '../cases/views'
import type { PatrolRecord } from './store'

/** A check-in's id derives from who sent it and their request id, so a retried request finds the first. */
export function patrolIdFor(openid: string, requestId: string): string {
  return 'patrol-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

/**
 * A volunteer's or grid worker's patrol check-in (巡查打卡): place and photos, stored as a `patrol` document and
 * paid directly through the ledger, keyed by the check-in, so a retried request is answered with the first
 * result and never pays twice.
 */
export async function patrolCheckIn(
  ctx: HandlerContext,
  input: ActionParsedInput<'patrol.checkIn'>,
): Promise<ActionOutput<'patrol.checkIn'>> {
  const { ledger, book } = rewardsFor(ctx.runtime)
  const rules = currentRules(book, ctx.now)
  if (!rules.patrol.roles.includes(ctx.user.role))
    throw new AppError('forbidden', '只有环保志愿者和网格工作人员可以巡查打卡')
  if (input.photos.length < rules.patrol.minPhotos) {
    throw new AppError('invalid-input', undefined, {
      fields: { photos: `请至少拍摄${rules.patrol.minPhotos}张巡查照片` },
    })
  }
  const { tree, locator } = await ctx.stores.grids.index()
  const patrols = ctx.stores.patrols
  const id = patrolIdFor(ctx.actor.openid, input.requestId)

  const answer = async (record: PatrolRecord, replayed: boolean): Promise<ActionOutput<'patrol.checkIn'>> => {
    const entry = await ledger.get(`patrol-check-in:${record._id}`)
    return {
      patrol: {
        id: record._id,
        at: record.at,
        grid: gridRef(tree, record.gridId),
        note: record.note,
        photos: record.photos,
      },
      points: entry?.points ?? 0,
      pointsNote: entry ? entry.note : `${roleLabels[ctx.user.role]}的巡查打卡不计积分`,
      replayed,
    }
  }

  // The check-in is stored first and paid after; paying is idempotent by its ledger key, so a retry pays a
  // check-in whose payment did not happen (the function stopped in between) and never pays one twice.
  const pay = async (record: PatrolRecord) => {
    const facts = {
      kind: 'patrol' as const,
      patrolId: record._id,
      at: record.at,
      person: personFacts(ctx.user, tree, record.gridId),
      placeLabel: tree.label(record.gridId),
    }
    for (const draft of draftsFor(facts, book)) await ledger.apply(draft)
  }

  const earlier = await patrols.get(id)
  if (earlier) {
    await pay(earlier)
    return answer(earlier, true)
  }

  const grid = locator.locate(input.location)
  if (!grid) {
    throw new AppError('outside-service-area', '该位置不在任何网格范围内，请确认位置后重试', {
      fields: { location: '该位置不在服务范围内' },
    })
  }
  const record: PatrolRecord = {
    _id: id,
    openid: ctx.actor.openid,
    role: ctx.user.role,
    at: ctx.now.toISOString(),
    location: input.location,
    accuracyMeters: input.accuracyMeters,
    photos: input.photos,
    note: input.note,
    gridId: grid._id,
    gridPath: tree.lineage(grid._id).map((node) => node._id),
    requestKey: `${ctx.actor.openid}:${input.requestId}`,
  }
  try {
    await patrols.add(record)
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const winner = await patrols.get(id)
    if (!winner) throw new AppError('conflict')
    await pay(winner)
    return answer(winner, true)
  }
  await pay(record)
  return answer(record, false)
}
