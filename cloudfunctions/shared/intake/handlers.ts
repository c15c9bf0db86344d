import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { requireOffice } from '../../../src/domain/people/onboarding'
import { AppError } from '../../../src/domain/shared/errors'
import type { HandlerContext } from '../runtime/context'
import { gridRef } from '../cases/views'
import { calmState } from '../../../src/domain/intake/episode'
import { secretFingerprint, stationSecret } from './secrets'
import type { StationRecord } from './store'

/**
 * `station.register`: the district office registers a monitoring station at its place; the station's grid is
 * the one whose polygon holds the point, as for a report. The answer carries the station's signing secret,
 * this once; what is stored cannot sign (see secrets.ts).
 */
export async function registerStation(
  ctx: HandlerContext,
  input: ActionParsedInput<'station.register'>,
): Promise<ActionOutput<'station.register'>> {
  const { tree, locator } = await ctx.stores.grids.index()
  const office = requireOffice(tree, ctx.actor)
  if (!office.ok) throw new AppError('forbidden', '只有区级办公室可以登记监测站点')
  const grid = locator.locate(input.location)
  if (!grid || !tree.covers(office.districtId, grid._id)) {
    throw new AppError('outside-service-area', '该位置不在本区的网格范围内', {
      fields: { location: '该位置不在本区的网格范围内' },
    })
  }
  const generation = 1
  const secret = stationSecret(ctx.runtime.trailKey, input.stationId, generation)
  const record: StationRecord = {
    _id: input.stationId,
    name: input.name,
    location: input.location,
    address: input.address,
    gridId: grid._id,
    gridPath: tree.lineage(grid._id).map((node) => node._id),
    secretGeneration: generation,
    secretFingerprint: secretFingerprint(secret),
    registeredBy: ctx.actor.openid,
    registeredAt: ctx.now.toISOString(),
    ...calmState,
    caseId: null,
  }
  if (!(await ctx.stores.intake.registerStation(record))) {
    throw new AppError('conflict', '这个站点编号已经登记过', { fields: { stationId: '站点编号已被使用' } })
  }
  return {
    station: {
      id: record._id,
      name: record.name,
      location: record.location,
      grid: gridRef(tree, record.gridId),
      registeredAt: record.registeredAt,
    },
    secret,
  }
}

/**
 * `station.list`: the stations of the office's district, newest registration first, with the case of the
 * episode open now (if any) so that the office can open its curve. The secret is never answered again.
 */
export async function listStations(
  ctx: HandlerContext,
  input: ActionParsedInput<'station.list'>,
): Promise<ActionOutput<'station.list'>> {
  const { tree } = await ctx.stores.grids.index()
  const office = requireOffice(tree, ctx.actor)
  if (!office.ok) throw new AppError('forbidden', '只有区级办公室可以查看监测站点')
  const read = await ctx.stores.intake.listStations(office.districtId, input.page, input.pageSize)
  return {
    ...read,
    items: read.items.map((station) => ({
      id: station._id,
      name: station.name,
      address: station.address,
      location: station.location,
      grid: gridRef(tree, station.gridId),
      registeredAt: station.registeredAt,
      secretFingerprint: station.secretFingerprint,
      caseId: station.caseId,
    })),
    page: input.page,
    pageSize: input.pageSize,
  }
}

/**
 * `station.episode`: the curve of a monitoring case's episode. Air readings name no one, and a sensor case's
 * public summary is everyone's to see, so anyone signed in may read it; other cases have none.
 */
export async function stationEpisode(
  ctx: HandlerContext,
  input: ActionParsedInput<'station.episode'>,
): Promise<ActionOutput<'station.episode'>> {
  const episode = await ctx.stores.intake.episodeOfCase(input.caseId)
  if (!episode) throw new AppError('not-found', '这个问题没有在线监测数据')
  return {
    station: { id: episode.stationId, name: episode.stationName },
    openedAt: episode.openedAt,
    closedAt: episode.closedAt,
    readingCount: episode.readingCount,
    peak: { pm25: episode.peakPm25, pm10: episode.peakPm10 },
    curve: episode.curve,
  }
}
