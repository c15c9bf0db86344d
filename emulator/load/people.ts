import type { GridNode, GridTree } from '../../src/domain/grid/tree'
import { districtOf as districtOfGrids } from '../../src/domain/people/onboarding'
import type { Actor, DistrictUnit, Role, User } from '../../src/domain/people/roles'
import { demoAccounts } from '../demo/accounts'
import { demoGridIds } from '../demo/grids'
import type { Random } from './random'

/** A person of the synthetic district: a user record, and the actor the domain decides for. */
export interface Person {
  user: User
  actor: Actor & { nickname: string }
}

/** Who works where, and who reports: the staff of every grid and many residents. */
export interface Population {
  people: Person[]
  byOpenid: Map<string, Person>
  /** Staff who claim cases on a grid's board (members, sunk staff, leaders; offices at the district). */
  claimersOf(gridId: string): Person[]
  /** The grid leader of a grid (the district office for a district). */
  leaderOf(gridId: string): Person
  /** The district offices (both signing units) and the supervisor over a grid. */
  officesOver(gridId: string): { air: Person; longTerm: Person; supervisor: Person }
  /** Sunk staff and members who can be attached for joint enforcement to a case in this grid. */
  jointHandlersFor(gridId: string): Person[]
  residents: Person[]
  volunteers: Person[]
}

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const givenNames =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建波斌宇浩凯健俊帆帅旭宁龙林欣晨阳雪婷琳颖倩'

function personFor(user: User): Person {
  return {
    user,
    actor: {
      openid: user.openid,
      userId: user._id,
      role: user.role,
      gridIds: user.gridIds,
      nickname: user.nickname,
      ...(user.districtUnit ? { districtUnit: user.districtUnit } : {}),
    },
  }
}

function user(openid: string, nickname: string, role: Role, gridIds: string[], unit?: DistrictUnit): User {
  return { _id: openid, openid, nickname, role, gridIds, ...(unit ? { districtUnit: unit } : {}), points: 0 }
}

/**
 * Builds the district's people: per 三级网格 two grid members and a grid leader, per community and street a
 * leader and two members, per community a sunk enforcement officer, per district both signing offices and a
 * supervisor, then `residents` residents and `volunteers` volunteers. The demo accounts take the seats they
 * describe (映月路社区第1网格's member and leader, the community and street leaders, 管城回族区's offices), so
 * signing in as one of them shows their share of the work.
 */
export function buildPopulation(
  tree: GridTree,
  random: Random,
  counts: { residents: number; volunteers: number },
): Population {
  const name = () =>
    random.pick([...surnames]) + random.pick([...givenNames]) + random.pick(['', ...givenNames])
  const demo = new Map(demoAccounts.map((account) => [account.openid, account]))
  const demoPerson = (openid: string): Person => {
    const account = demo.get(openid)!
    return personFor(
      user(account.openid, account.nickname, account.role, account.gridIds, account.districtUnit),
    )
  }
  const people: Person[] = []
  const claimers = new Map<string, Person[]>()
  const leaders = new Map<string, Person>()
  const sunk = new Map<string, Person[]>()
  const offices = new Map<string, { air: Person; longTerm: Person; supervisor: Person }>()
  const add = (person: Person) => {
    // Everyone with a role belongs to their grids' district, as if its office had invited them (staff.list).
    const districtId =
      person.user.role === 'resident' ? undefined : districtOfGrids(tree, person.user.gridIds)
    if (districtId) person.user.districtId = districtId
    people.push(person)
    return person
  }
  const staff = (node: GridNode, role: Role, index: number, gridIds = [node._id]) =>
    add(
      personFor(
        user(
          `load-${role.replace('_', '-')}-${node.code}-${index}`,
          `${role === 'grid_leader' ? '网格长' : role === 'sunk_staff' ? '执法员' : '网格员'}${name()}`,
          role,
          gridIds,
        ),
      ),
    )

  for (const node of tree.all()) {
    if (node.level === 'city') continue
    if (node.level === 'district') {
      const code = node.code
      const seats =
        node._id === demoGridIds.guancheng
          ? {
              air: add(demoPerson('demo-air-office')),
              longTerm: add(demoPerson('demo-long-term-office')),
              supervisor: add(demoPerson('demo-supervisor')),
            }
          : {
              air: add(
                personFor(
                  user(
                    `load-air-office-${code}`,
                    `大气办${name()}`,
                    'district_office',
                    [node._id],
                    'air_office',
                  ),
                ),
              ),
              longTerm: add(
                personFor(
                  user(
                    `load-long-term-office-${code}`,
                    `长效办${name()}`,
                    'district_office',
                    [node._id],
                    'long_term_office',
                  ),
                ),
              ),
              supervisor: add(
                personFor(user(`load-supervisor-${code}`, `督查室${name()}`, 'supervisor', [node._id])),
              ),
            }
      offices.set(node._id, seats)
      claimers.set(node._id, [seats.air, seats.longTerm])
      leaders.set(node._id, seats.air)
      continue
    }
    const leader =
      node._id === demoGridIds.yingyueRoadGrid1
        ? add(demoPerson('demo-grid-leader-3'))
        : node._id === demoGridIds.yingyueRoad
          ? add(demoPerson('demo-grid-leader-2'))
          : node._id === demoGridIds.hanghaiEastRoad
            ? add(demoPerson('demo-grid-leader-1'))
            : staff(node, 'grid_leader', 1)
    leaders.set(node._id, leader)
    // A street without communities (高新区's offices) takes every report itself: it has more members.
    const memberCount = node.level === 'street' && tree.children(node._id).length === 0 ? 3 : 2
    const members = Array.from({ length: memberCount }, (_, index) =>
      index === 0 && node._id === demoGridIds.yingyueRoadGrid1
        ? add(demoPerson('demo-grid-member'))
        : staff(node, 'grid_member', index + 1),
    )
    claimers.set(node._id, [...members, leader])
    if (node.level === 'community') {
      const blocks = tree.children(node._id).map((child) => child._id)
      const officer =
        node._id === demoGridIds.yingyueRoad
          ? add(demoPerson('demo-sunk-staff'))
          : staff(node, 'sunk_staff', 1, blocks.slice(0, 2))
      sunk.set(node._id, [officer])
    }
  }
  // Sunk staff claim in the blocks they are sent to (the blocks are built after their community).
  for (const officers of sunk.values())
    for (const officer of officers)
      for (const blockId of officer.user.gridIds) claimers.get(blockId)?.push(officer)

  const residents = Array.from({ length: counts.residents }, (_, index) => {
    const home = random.chance(0.7)
      ? [random.pick(tree.all().filter((node) => node.level === 'block'))._id]
      : []
    const title = random.chance(0.5) ? '女士' : '先生'
    return add(
      personFor(
        user(
          `load-resident-${String(index).padStart(6, '0')}`,
          `${random.pick([...surnames])}${title}`,
          'resident',
          home,
        ),
      ),
    )
  })
  residents.unshift(add(demoPerson('demo-resident')), add(demoPerson('demo-resident-2')))
  const volunteers = Array.from({ length: counts.volunteers }, (_, index) =>
    add(
      personFor(
        user(`load-volunteer-${String(index).padStart(5, '0')}`, `志愿者${name()}`, 'volunteer', [
          random.pick(tree.all().filter((node) => node.level === 'community' || node.level === 'street'))._id,
        ]),
      ),
    ),
  )
  volunteers.unshift(add(demoPerson('demo-volunteer')))

  const byOpenid = new Map(people.map((person) => [person.user.openid, person]))
  const districtOf = (gridId: string) => tree.lineage(gridId).find((node) => node.level === 'district')!._id
  return {
    people,
    byOpenid,
    claimersOf: (gridId) => claimers.get(gridId) ?? [],
    leaderOf: (gridId) => leaders.get(gridId)!,
    officesOver: (gridId) => offices.get(districtOf(gridId))!,
    jointHandlersFor: (gridId) =>
      tree
        .lineage(gridId)
        .flatMap((node) => sunk.get(node._id) ?? [])
        .concat(tree.children(gridId).flatMap((child) => claimers.get(child._id)?.slice(0, 1) ?? [])),
    residents,
    volunteers,
  }
}
