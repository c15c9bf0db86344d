import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { parseImportFile, planGridImport } from '../../../src/domain/grid/import'
import { GridTree } from '../../../src/domain/grid/tree'
import { requireOffice } from '../../../src/domain/people/onboarding'
import { AppError } from '../../../src/domain/shared/errors'
import type { HandlerContext } from '../runtime/context'

/**
 * `grid.import`: the district office imports its district's 街道/社区/网格 from a GeoJSON or CSV file. Every
 * feature is checked (src/domain/grid/import.ts); the rejected ones are reported with their reasons and the rest
 * are written in place by code. With `dryRun` the same report comes back and nothing is written.
 */
export async function importGrids(
  ctx: HandlerContext,
  input: ActionParsedInput<'grid.import'>,
): Promise<ActionOutput<'grid.import'>> {
  const nodes = await ctx.stores.grids.fresh()
  const office = requireOffice(new GridTree(nodes), ctx.actor)
  if (!office.ok) throw new AppError(office.code, '只有区级办公室可以导入网格')
  const parsed = parseImportFile(input.format, input.content)
  if (parsed.error) throw new AppError('invalid-input', parsed.error, { fields: { content: parsed.error } })
  const plan = planGridImport(parsed.features, nodes, new Set([office.districtId]))
  const { writes, ...report } = plan
  if (!input.dryRun && writes.length > 0)
    await ctx.stores.grids.applyImport(writes, {
      actor: ctx.actor.openid,
      at: ctx.now.toISOString(),
      format: input.format,
      ...report,
    })
  return { ...report, dryRun: input.dryRun }
}
