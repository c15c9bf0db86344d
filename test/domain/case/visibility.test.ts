import {
  caseAccess,
  nearbyBand,
  publicAddress,
  type CaseRelation,
  type CaseScopeFacts,
} from '../../../src/domain/case/visibility'
import { GridTree } from '../../../src/domain/grid/tree'
import { roles, type Role } from '../../../src/domain/people/roles'
import { demoGridIds, demoGridNodes } from '../../../emulator/demo/grids'

const tree = new GridTree(demoGridNodes)
const block = demoGridIds.yingyueRoadGrid1

/** A case reported by `reporter` in 映月路社区第1网格, claimed by `claimer`, with a joint handler and a follower. */
const record: CaseScopeFacts = {
  reporterId: 'reporter',
  followers: ['follower'],
  claim: { userId: 'claimer', nickname: '认领人', at: '2026-11-23T02:00:00.000Z' },
  jointHandlers: [{ openid: 'joint-handler', nickname: '联合执法' }],
  gridId: block,
  originGridId: block,
  anonymous: false,
}

/** Who the viewer is, as a situation: their openid and the grids on their user document. */
const situations = {
  reporter: { openid: 'reporter', gridIds: [] },
  follower: { openid: 'follower', gridIds: [] },
  claimer: { openid: 'claimer', gridIds: [demoGridIds.wutong] },
  'joint handler': { openid: 'joint-handler', gridIds: [demoGridIds.wutong] },
  'the case’s own grid': { openid: 'someone', gridIds: [block] },
  'a grid above it': { openid: 'someone', gridIds: [demoGridIds.yingyueRoad] },
  'the next grid': { openid: 'someone', gridIds: [demoGridIds.yingyueRoadGrid2] },
  'its district': { openid: 'someone', gridIds: [demoGridIds.guancheng] },
  'another district': { openid: 'someone', gridIds: [demoGridIds.gaoxin] },
  'a street of another district': { openid: 'someone', gridIds: [demoGridIds.wutong] },
  'no grid': { openid: 'someone', gridIds: [] },
} as const
type Situation = keyof typeof situations

const gridStaffRoles: Role[] = ['grid_member', 'grid_leader', 'sunk_staff']
const districtRoles: Role[] = ['district_office', 'supervisor']

/** The relation each role in each situation must have; anything not listed gets the public summary. */
function expectedRelation(role: Role, situation: Situation): CaseRelation {
  if (situation === 'reporter') return 'reporter'
  if (situation === 'follower') return 'follower'
  if (role === 'resident' || role === 'volunteer') return 'none'
  if (situation === 'claimer' || situation === 'joint handler') return 'attached'
  const inDistrict = ['the case’s own grid', 'a grid above it', 'the next grid', 'its district'].includes(
    situation,
  )
  if (districtRoles.includes(role)) return inDistrict ? 'district' : 'none'
  if (gridStaffRoles.includes(role)) {
    const covers = ['the case’s own grid', 'a grid above it', 'its district'].includes(situation)
    return covers ? 'grid-staff' : 'none'
  }
  throw new Error(`no expectation for ${role}`)
}

describe('who sees what of a case (caseAccess)', () => {
  const table = roles.flatMap((role) =>
    (Object.keys(situations) as Situation[]).map((situation) => [role, situation] as const),
  )

  it.each(table)('%s, %s', (role, situation) => {
    const viewer = { ...situations[situation], gridIds: [...situations[situation].gridIds], role }
    const access = caseAccess(record, viewer, tree)
    const relation = expectedRelation(role, situation)
    const full = relation !== 'none'
    expect(access).toEqual({
      relation,
      listed: true,
      full,
      exactPlace: full,
      address: full,
      reporter: full,
      photos: full,
      allNotes: full,
      jointHandlers: full,
      // A complaint caller's contact: the handling staff only (not the supervisor, the reporter or followers).
      callerContact:
        relation === 'attached' ||
        relation === 'grid-staff' ||
        (relation === 'district' && role === 'district_office'),
    })
  })

  it('gives residents and volunteers the summary of cases in the grid they live in', () => {
    for (const role of ['resident', 'volunteer'] as const)
      expect(caseAccess(record, { openid: 'neighbour', role, gridIds: [block] }, tree).full).toBe(false)
  })

  it('never names an anonymous reporter but to the reporter, full view or not', () => {
    const anonymous = { ...record, anonymous: true }
    expect(caseAccess(anonymous, { openid: 'reporter', role: 'resident', gridIds: [] }, tree).reporter).toBe(
      true,
    )
    for (const viewer of [
      { openid: 'follower', role: 'resident' as const, gridIds: [] },
      { openid: 'claimer', role: 'grid_member' as const, gridIds: [block] },
      { openid: 'office', role: 'district_office' as const, gridIds: [demoGridIds.guancheng] },
      { openid: 'stranger', role: 'resident' as const, gridIds: [] },
    ]) {
      expect(caseAccess(anonymous, viewer, tree).reporter).toBe(false)
    }
  })

  it('keeps the full view for the staff of the grid a case was reported in after it moved up', () => {
    const escalated = { ...record, claim: null, gridId: demoGridIds.yingyueRoad, originGridId: block }
    const member = { openid: 'member', role: 'grid_member' as const, gridIds: [block] }
    expect(caseAccess(escalated, member, tree).relation).toBe('grid-staff')
    const nextBlock = { ...member, gridIds: [demoGridIds.yingyueRoadGrid2] }
    expect(caseAccess(escalated, nextBlock, tree).full).toBe(false)
  })

  it('does not count a claim or a joint handling by someone who is no longer staff', () => {
    expect(caseAccess(record, { openid: 'claimer', role: 'resident', gridIds: [] }, tree).full).toBe(false)
  })
})

describe('the public summary’s address (publicAddress)', () => {
  it('names the community of a block, the street of a case above any community', () => {
    expect(publicAddress(tree, block)).toBe('航海东路街道 / 映月路社区')
    expect(publicAddress(tree, demoGridIds.yingyueRoad)).toBe('航海东路街道 / 映月路社区')
    expect(publicAddress(tree, demoGridIds.hanghaiEastRoad)).toBe('航海东路街道')
    expect(publicAddress(tree, demoGridIds.guancheng)).toBe('')
  })
})

describe('distances for case.nearby (nearbyBand)', () => {
  const bands = [100, 200, 300, 500]
  const from = { lng: 113.693, lat: 34.7286 }

  it('answers the smallest band holding the distance to the rounded place', () => {
    expect(nearbyBand(from, { lng: 113.693, lat: 34.729 }, 300, bands)?.band).toEqual({
      withinMeters: 100,
      label: '100 米内',
    })
    expect(nearbyBand(from, { lng: 113.693, lat: 34.7272 }, 300, bands)?.band).toEqual({
      withinMeters: 200,
      label: '200 米内',
    })
    expect(nearbyBand(from, { lng: 113.693, lat: 34.75 }, 3000, [500, 1000, 3000])?.band.label).toBe(
      '3 公里内',
    )
  })

  it('answers the same for every exact point with the same rounded place', () => {
    const answers = [
      { lng: 113.6926, lat: 34.7286 },
      { lng: 113.6934, lat: 34.7294 },
      { lng: 113.693, lat: 34.729 },
    ].map((exact) => nearbyBand(from, exact, 300, bands))
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1)
  })

  it('leaves out a case whose rounded place lies beyond the radius', () => {
    // 156 m away exactly, 178 m to its rounded place (113.693, 34.727).
    expect(nearbyBand(from, { lng: 113.693, lat: 34.7272 }, 150, bands)).toBeNull()
  })
})
