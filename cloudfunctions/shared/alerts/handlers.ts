import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { alertAt, alertsOf, alertState, overlappingAlert, type Alert } from '../../../src/domain/alerts/book'
import type { AlertLevelTable } from '../../../src/domain/alerts/levels'
import type { GridTree } from '../../../src/domain/grid/tree'
import { officeDistrict } from '../../../src/domain/people/onboarding'
import { isStaff } from '../../../src/domain/people/roles'
import { districtOf } from '../../../src/domain/people/scope'
import { AppError } from '../../../src/domain/shared/errors'
import { formatBeijingTime } from '../../../src/domain/shared/time'
import { LostRace, retry } from '../db/retry'
import type { HandlerContext } from '../runtime/context'
import { alertStoreFor } from './store'

export function alertView(alert: Alert, districtId: string, table: AlertLevelTable, now: Date) {
  const rules = table.levels[alert.level]
  return {
    id: alert.id,
    districtId,
    level: alert.level,
    label: rules.label,
    colour: rules.colour,
    measures: rules.measures,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    state: alertState(alert, now),
  }
}

function alertRecord(alert: Alert, districtId: string, table: AlertLevelTable, now: Date) {
  return {
    ...alertView(alert, districtId, table, now),
    plannedEndsAt: alert.plannedEndsAt,
    note: alert.note,
    setByNickname: alert.setByNickname,
    setAt: alert.setAt,
    lift: alert.lift,
  }
}

/** The district the caller belongs to: their grids', else the one they joined, else a lone district's. */
export function callerDistrict(ctx: HandlerContext, tree: GridTree): string | undefined {
  const own = districtOf(tree, ctx.actor.gridIds) ?? ctx.user.districtId
  if (own) return own
  const districts = tree.all().filter((node) => node.level === 'district')
  return districts.length === 1 ? districts[0]!._id : undefined
}

function requireOfficeDistrict(ctx: HandlerContext, tree: GridTree): string {
  const districtId = officeDistrict(tree, ctx.actor)
  if (!districtId) throw new AppError('forbidden', '只有区级办公室可以发布和解除重污染天气预警')
  return districtId
}

/** Sets an alert of the office's district; refused when it would overlap another alert of the district. */
export async function setAlert(
  ctx: HandlerContext,
  input: ActionParsedInput<'alert.set'>,
): Promise<ActionOutput<'alert.set'>> {
  const { tree } = await ctx.stores.grids.index()
  const districtId = requireOfficeDistrict(ctx, tree)
  const table = ctx.runtime.settings.alertLevels
  if (input.endsAt <= ctx.now.toISOString())
    throw new AppError('invalid-input', '结束时间已过，请重新选择', {
      fields: { endsAt: '结束时间应晚于当前时间' },
    })
  const store = alertStoreFor(ctx.runtime)
  return retry(async () => {
    const book = await store.book(districtId)
    const alerts = alertsOf(book.entries)
    const clash = overlappingAlert(alerts, input)
    if (clash) {
      const label = table.levels[clash.level].label
      throw new AppError(
        'conflict',
        `本区已有${label}（${formatBeijingTime(clash.startsAt)} 至 ${formatBeijingTime(clash.endsAt)}），预警时间不能重叠；如需调整，请先解除该预警`,
        { details: { alertId: clash.id } },
      )
    }
    const alertId = `${districtId}:${alerts.length + 1}`
    const after = await store.append(book, {
      type: 'set',
      alertId,
      level: input.level,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      note: input.note,
      by: ctx.actor.openid,
      byNickname: ctx.user.nickname,
      at: ctx.now.toISOString(),
    })
    if (!after) throw new LostRace()
    const alert = alertsOf(after.entries).find((one) => one.id === alertId)!
    return { alert: alertRecord(alert, districtId, table, ctx.now) }
  })
}

/** Ends an alert of the office's district now (one still to come is cancelled); an ended one is refused. */
export async function liftAlert(
  ctx: HandlerContext,
  input: ActionParsedInput<'alert.lift'>,
): Promise<ActionOutput<'alert.lift'>> {
  const { tree } = await ctx.stores.grids.index()
  const districtId = requireOfficeDistrict(ctx, tree)
  const store = alertStoreFor(ctx.runtime)
  const table = ctx.runtime.settings.alertLevels
  return retry(async () => {
    const book = await store.book(districtId)
    const alert = alertsOf(book.entries).find((one) => one.id === input.alertId)
    if (!alert) throw new AppError('not-found', '本区没有找到这个预警')
    if (alertState(alert, ctx.now) === 'ended')
      throw new AppError('illegal-transition', alert.lift ? '该预警已经解除' : '该预警已经结束，无需解除')
    const after = await store.append(book, {
      type: 'lift',
      alertId: alert.id,
      note: input.note,
      by: ctx.actor.openid,
      byNickname: ctx.user.nickname,
      at: ctx.now.toISOString(),
    })
    if (!after) throw new LostRace()
    const lifted = alertsOf(after.entries).find((one) => one.id === alert.id)!
    return { alert: alertRecord(lifted, districtId, table, ctx.now) }
  })
}

/** The alert in force in the caller's district, from this instance's copy of the book (see the store). */
export async function currentAlert(ctx: HandlerContext): Promise<ActionOutput<'alert.current'>> {
  const { tree } = await ctx.stores.grids.index()
  const districtId = callerDistrict(ctx, tree)
  if (!districtId) return { alert: null }
  const book = await alertStoreFor(ctx.runtime).cachedBook(districtId)
  const alert = alertAt(alertsOf(book.entries), ctx.now)
  return { alert: alert ? alertView(alert, districtId, ctx.runtime.settings.alertLevels, ctx.now) : null }
}

/** The district's alerts, newest first, for its staff. */
export async function listAlerts(
  ctx: HandlerContext,
  input: ActionParsedInput<'alert.list'>,
): Promise<ActionOutput<'alert.list'>> {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden', '只有工作人员可以查看预警记录')
  const { tree } = await ctx.stores.grids.index()
  const districtId = districtOf(tree, ctx.actor.gridIds)
  if (!districtId) throw new AppError('forbidden', '您还没有分配网格，请联系管理员')
  const alerts = alertsOf((await alertStoreFor(ctx.runtime).book(districtId)).entries)
  const start = (input.page - 1) * input.pageSize
  const items = alerts.slice(start, start + input.pageSize)
  const hasMore = start + input.pageSize < alerts.length
  return {
    items: items.map((alert) => alertRecord(alert, districtId, ctx.runtime.settings.alertLevels, ctx.now)),
    total: alerts.length,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}
