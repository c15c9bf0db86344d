import type { Role } from '../people/roles'
import type { GridNode, GridTree } from '../grid/tree'

/** The 督查室 and the district offices oversee; grid staff are overseen. */
export const overseerRoles: readonly Role[] = ['supervisor', 'district_office']
export const isOverseer = (role: Role): boolean => overseerRoles.includes(role)

/**
 * The streets whose bulletins someone may read: an overseer every street under their grids, a leader
 * assigned at a street that street. Others none.
 */
export function bulletinStreets(role: Role, gridIds: readonly string[], tree: GridTree): GridNode[] {
  const streets = tree.all().filter((node) => node.level === 'street')
  if (isOverseer(role)) return streets.filter((street) => gridIds.some((id) => tree.covers(id, street._id)))
  if (role !== 'grid_leader') return []
  return streets.filter((street) => gridIds.includes(street._id))
}
