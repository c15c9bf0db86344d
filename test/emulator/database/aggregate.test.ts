import type { EmulatorDb } from '../../../emulator/database'
import { memoryDb } from './helpers'

let emu: EmulatorDb
beforeEach(async () => {
  emu = memoryDb()
  await emu.db.collection('reports').add([
    { _id: 'r1', grid: 'g1', level: 3, status: 'pending', at: new Date('2024-01-01T00:00:00Z') },
    { _id: 'r2', grid: 'g1', level: 5, status: 'done', at: new Date('2024-01-02T00:00:00Z') },
    { _id: 'r3', grid: 'g2', level: 1, status: 'pending', at: new Date('2024-01-03T00:00:00Z') },
    { _id: 'r4', grid: 'g3', level: 4, status: 'pending', at: new Date('2024-01-04T00:00:00Z') },
    { _id: 'r5', grid: 'g2', level: 2, status: 'done', at: new Date('2024-01-05T00:00:00Z') },
  ])
  await emu.db.collection('grids').add([
    { _id: 'g1', name: 'North Gate' },
    { _id: 'g2', name: 'River Park' },
  ])
})
afterEach(() => emu.close())

describe('aggregate()', () => {
  test('$match + $group + $sort: counts and sums per grid', async () => {
    const _ = emu.db.command
    const $ = _.aggregate
    const res = await emu.db
      .collection('reports')
      .aggregate()
      .match({ level: _.gte(2) })
      .group({ _id: '$grid', reports: $.sum(1), total: $.sum('$level'), worst: $.max('$level') })
      .sort({ total: -1 })
      .end()
    expect(res.data).toEqual([
      { _id: 'g1', reports: 2, total: 8, worst: 5 },
      { _id: 'g3', reports: 1, total: 4, worst: 4 },
      { _id: 'g2', reports: 1, total: 2, worst: 2 },
    ])
  })

  test('$sort + $skip + $limit + $project page through a shaped result', async () => {
    const res = await emu.db
      .collection('reports')
      .aggregate()
      .sort({ level: -1 })
      .skip(1)
      .limit(2)
      .project({ _id: 0, grid: 1, level: 1 })
      .end()
    expect(res.data).toEqual([
      { grid: 'g3', level: 4 },
      { grid: 'g1', level: 3 },
    ])
  })

  test('$count names the field holding the number of documents', async () => {
    const res = await emu.db
      .collection('reports')
      .aggregate()
      .match({ status: 'pending' })
      .count('pending')
      .end()
    expect(res.data).toEqual([{ pending: 3 }])
  })

  test('dates survive the pipeline and can be grouped on', async () => {
    const $ = emu.db.command.aggregate
    const res = await emu.db
      .collection('reports')
      .aggregate()
      .group({ _id: '$status', first: $.min('$at') })
      .sort({ _id: 1 })
      .end()
    expect(res.data).toEqual([
      { _id: 'done', first: new Date('2024-01-02T00:00:00Z') },
      { _id: 'pending', first: new Date('2024-01-01T00:00:00Z') },
    ])
    expect(res.data[0].first).toBeInstanceOf(Date)
  })

  test('$lookup joins another collection of the same database', async () => {
    const res = await emu.db
      .collection('reports')
      .aggregate()
      .match({ _id: 'r3' })
      .lookup({ from: 'grids', localField: 'grid', foreignField: '_id', as: 'gridInfo' })
      .project({ _id: 1, gridInfo: 1 })
      .end()
    expect(res.data).toEqual([{ _id: 'r3', gridInfo: [{ _id: 'g2', name: 'River Park' }] }])
  })

  test('$unwind and $addFields work through the same pipeline', async () => {
    await emu.db.collection('tags').add({ _id: 't', tags: ['a', 'b'] })
    const res = await emu.db
      .collection('tags')
      .aggregate()
      .unwind('$tags')
      .addFields({ upper: { $toUpper: '$tags' } })
      .end()
    expect(res.data).toEqual([
      { _id: 't', tags: 'a', upper: 'A' },
      { _id: 't', tags: 'b', upper: 'B' },
    ])
  })

  test('aggregating an empty collection yields no rows', async () => {
    const res = await emu.db.collection('tasks').aggregate().count('n').end()
    expect(res.data).toEqual([])
  })

  test('without a $limit stage only the first 20 rows come back, as on CloudBase', async () => {
    await emu.db.collection('many').add(Array.from({ length: 30 }, (_, n) => ({ n })))
    const unlimited = await emu.db.collection('many').aggregate().sort({ n: 1 }).end()
    expect(unlimited.data.map((row: { n: number }) => row.n)).toEqual(Array.from({ length: 20 }, (_, n) => n))
    const limited = await emu.db.collection('many').aggregate().sort({ n: 1 }).limit(1000).end()
    expect(limited.data).toHaveLength(30)
  })
})
