import { actionNames } from '../../src/domain/contract'
import { collections, contexts, declaredIndexes, jobs } from '../../cloudfunctions/shared/app'

describe('the composition root', () => {
  it('gives every action in the contract exactly one context’s handler', () => {
    const owners = new Map<string, string[]>()
    for (const context of contexts) {
      for (const action of Object.keys(context.handlers)) {
        owners.set(action, [...(owners.get(action) ?? []), context.name])
      }
    }
    expect([...owners.keys()].sort()).toEqual([...actionNames].sort())
    const shared = [...owners].filter(([, names]) => names.length > 1)
    expect(shared).toEqual([])
  })

  it('declares each collection once, and indexes only on declared collections', () => {
    const names = Object.values(collections)
    expect(new Set(names).size).toBe(names.length)
    for (const index of declaredIndexes) expect(names).toContain(index.collection)
  })

  it('runs the case sweeps, then the relay that copies their events out, before the projections', () => {
    const order = jobs.map((job) => job.name)
    expect(order.indexOf('case-sweeps')).toBeLessThan(order.indexOf('relay'))
    expect(order.indexOf('relay')).toBeLessThan(order.indexOf('points'))
    expect(new Set(order).size).toBe(order.length)
  })
})
