import type { GridTree } from '../grid/tree'
import { isStaff, type Actor, type Role, type User } from './roles'

/*
 * Whose work covers what: a member of staff works over their own grids and everything below them (a grid
 * member's block, a community or street leader's subtree), and a district office or supervisor over their
 * whole district. Residents' and volunteers' grids are where they live or walk, never a scope. Pure: every
 * answer comes from the caller's user document and the grid tree, so a read decides its scope without
 * another request.
 */

/** Whoever a scope is decided for: the caller as the server knows them. */
export type Viewer = Pick<Actor, 'openid' | 'role' | 'gridIds'>

/** Roles that oversee a district as a whole rather than grids in it. */
export const districtRoles: readonly Role[] = ['district_office', 'supervisor']

/** The district the first of these grids that lies in one lies in. */
export function districtOf(tree: GridTree, gridIds: readonly string[]): string | undefined {
  for (const gridId of gridIds) {
    const district = tree.ancestorAt(gridId, 'district')
    if (district) return district._id
  }
  return undefined
}

/** Staff whose own grids are `gridId` or lie above it. */
export function staffCovers(viewer: Viewer, gridId: string, tree: GridTree): boolean {
  return isStaff(viewer.role) && tree.coversAny(viewer.gridIds, gridId)
}

/** A district office or supervisor of the district that `gridId` lies in. */
export function overseesDistrictOf(viewer: Viewer, gridId: string, tree: GridTree): boolean {
  if (!districtRoles.includes(viewer.role)) return false
  const own = districtOf(tree, viewer.gridIds)
  return own !== undefined && own === districtOf(tree, [gridId])
}

/**
 * Who the viewer is to another person, for reads of that person's own records (their points ledger):
 * themselves; the district office or supervisor of the person's district; a grid leader whose grids hold the
 * person's grids. Anyone else (other residents, grid members, staff of other grids or districts) is nobody
 * to them: null.
 */
export type PersonRelation = 'self' | 'district' | 'leader'

export function personRelation(
  viewer: Viewer,
  person: Pick<User, 'openid' | 'gridIds' | 'districtId'>,
  tree: GridTree,
): PersonRelation | null {
  if (viewer.openid === person.openid) return 'self'
  if (districtRoles.includes(viewer.role)) {
    const own = districtOf(tree, viewer.gridIds)
    const theirs = person.districtId ?? districtOf(tree, person.gridIds)
    if (own !== undefined && own === theirs) return 'district'
  }
  if (
    viewer.role === 'grid_leader' &&
    person.gridIds.some((gridId) => tree.coversAny(viewer.gridIds, gridId))
  )
    return 'leader'
  return null
}

/**
 * Where and when a volunteer patrols is theirs and their district office's to know: leaders and supervisors
 * who may read the ledger see that a check-in was paid, not where.
 */
export function seesPatrolPlaces(viewer: Viewer, relation: PersonRelation): boolean {
  return relation === 'self' || (relation === 'district' && viewer.role === 'district_office')
}
