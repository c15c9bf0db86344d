import { demoAccounts, findDemoAccount } from '../../../emulator/demo/accounts'
import { demoGridIds, demoGridNodes } from '../../../emulator/demo/grids'
import { GridTree } from '../../../src/domain/grid/tree'
import { districtUnitSchema, roles, roleSchema } from '../../../src/domain/people/roles'

const tree = new GridTree(demoGridNodes)

function account(openid: string) {
  const found = findDemoAccount(openid)
  if (!found) throw new Error(`no demo account ${openid}`)
  return found
}

describe('demo accounts', () => {
  it('have unique, readable openids and something to show on the login page', () => {
    const openids = demoAccounts.map((entry) => entry.openid)
    expect(new Set(openids).size).toBe(openids.length)
    for (const entry of demoAccounts) {
      expect(entry.openid).toMatch(/^demo-[a-z0-9-]+$/)
      expect(entry.nickname.length).toBeGreaterThan(0)
      expect(entry.description.length).toBeGreaterThan(0)
      expect(roleSchema.safeParse(entry.role).success).toBe(true)
    }
  })

  it('refer only to grids that exist', () => {
    for (const entry of demoAccounts) {
      for (const gridId of entry.gridIds) expect(tree.get(gridId)).toBeDefined()
    }
  })

  it('cover every role at least once', () => {
    for (const role of roles) expect(demoAccounts.some((entry) => entry.role === role)).toBe(true)
  })

  it('name a district unit exactly for district office accounts', () => {
    for (const entry of demoAccounts) {
      if (entry.role === 'district_office') {
        expect(districtUnitSchema.safeParse(entry.districtUnit).success).toBe(true)
      } else {
        expect(entry.districtUnit).toBeUndefined()
      }
    }
    const units = demoAccounts
      .filter((entry) => entry.role === 'district_office')
      .map((entry) => entry.districtUnit)
    // Escalation to the city needs both offices to sign, so the demo needs both.
    expect(units).toEqual(expect.arrayContaining(['air_office', 'long_term_office']))
  })

  it('staff the chain above 映月路社区第1网格 from block to district', () => {
    expect(account('demo-resident')).toMatchObject({
      role: 'resident',
      gridIds: [demoGridIds.yingyueRoadGrid1],
    })
    expect(account('demo-grid-member')).toMatchObject({
      role: 'grid_member',
      gridIds: [demoGridIds.yingyueRoadGrid1],
    })
    const leaders = demoAccounts.filter((entry) => entry.role === 'grid_leader')
    expect(leaders.map((entry) => entry.gridIds.map((id) => tree.get(id)?.level))).toEqual(
      expect.arrayContaining([['block'], ['community'], ['street']]),
    )
    for (const leader of leaders) {
      for (const gridId of leader.gridIds)
        expect(tree.covers(gridId, demoGridIds.yingyueRoadGrid1)).toBe(true)
    }
    expect(account('demo-sunk-staff').gridIds).toEqual([
      demoGridIds.yingyueRoadGrid1,
      demoGridIds.yingyueRoadGrid2,
    ])
    for (const openid of ['demo-air-office', 'demo-long-term-office', 'demo-supervisor']) {
      expect(account(openid).gridIds).toEqual([demoGridIds.guancheng])
    }
  })

  it('finds an account by openid, and nothing for an unknown one', () => {
    expect(findDemoAccount('demo-volunteer')?.role).toBe('volunteer')
    expect(findDemoAccount('someone-else')).toBeUndefined()
  })
})
