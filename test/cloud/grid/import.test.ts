import { collections } from '../../../cloudfunctions/shared/app'
import { documentsWhere } from '../../factories/inspect'
import { maxImportChars } from '../../../src/domain/grid/contract'
import { csvOf, geoJsonOf, importStreetCode, streetFeatures } from '../../factories/grid-import'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

const office = 'demo-air-office'
const firstBlock = `${importStreetCode}001001`

async function node(world: TestWorld, code: string) {
  const { data } = await world.db.collection(collections.gridNode).doc(`grid-${code}`).get()
  return data[0] as Record<string, unknown> | undefined
}

async function storedCase(world: TestWorld, caseId: string) {
  const { data } = await world.db.collection(collections.case).doc(caseId).get()
  return data[0] as { gridId: string; gridPath: string[] }
}

/** A point in the north-west block of the imported street (community 1, block 1). */
const inFirstBlock = { lng: 113.745, lat: 34.725 }

describe('grid.import: a district office imports its grid tree', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('writes the valid features, so new reports route to the imported grids at once', async () => {
    const report = await world.ok(office, 'grid.import', {
      format: 'geojson',
      content: geoJsonOf(streetFeatures()),
    })
    expect(report).toEqual({ imported: 7, updated: 0, unchanged: 0, rejected: [], dryRun: false })
    expect(await node(world, firstBlock)).toMatchObject({
      code: firstBlock,
      level: 'block',
      parentId: `grid-${importStreetCode}001`,
    })
    const submitted = await world.ok('demo-resident', 'case.submit', reportAt(inFirstBlock))
    expect((await storedCase(world, submitted.case.id)).gridPath).toEqual([
      `grid-${firstBlock}`,
      `grid-${importStreetCode}001`,
      `grid-${importStreetCode}`,
      'grid-410104',
      'grid-410100',
    ])
  })

  it('updates in place on a re-import, and cases keep the grid path they were routed with', async () => {
    await world.ok(office, 'grid.import', { format: 'csv', content: csvOf(streetFeatures()) })
    const before = await world.ok('demo-resident', 'case.submit', reportAt(inFirstBlock))
    const pathBefore = (await storedCase(world, before.case.id)).gridPath

    // Renamed in place; a community widened over its stored neighbour is refused, the neighbour kept.
    const redrawn = streetFeatures(2, 2, '测试街道（新）')
    const widened = streetFeatures(1, 2)[1]!
    const report = await world.ok(office, 'grid.import', {
      format: 'csv',
      content: csvOf([redrawn[0]!, widened]),
    })
    expect(report).toMatchObject({ imported: 0, updated: 1, unchanged: 0 })
    expect(report.rejected).toEqual([
      expect.objectContaining({
        code: `${importStreetCode}001`,
        reason: expect.stringMatching(/^与同级网格“测试社区2”/),
      }),
    ])
    expect(await node(world, importStreetCode)).toMatchObject({ name: '测试街道（新）' })
    expect(await node(world, `${importStreetCode}002`)).toMatchObject({ name: '测试社区2' })
    expect((await storedCase(world, before.case.id)).gridPath).toEqual(pathBefore)
    expect(await documentsWhere(world.db, collections.gridImport, { actor: office })).toHaveLength(2)
  })

  it('reports each rejected feature with its reason and imports the rest', async () => {
    const features = streetFeatures()
    features.push({
      ...features[2]!,
      code: `${importStreetCode}009001`,
      parentCode: `${importStreetCode}009`,
    })
    const report = await world.ok(office, 'grid.import', { format: 'geojson', content: geoJsonOf(features) })
    expect(report.imported).toBe(7)
    expect(report.rejected).toEqual([
      {
        code: `${importStreetCode}009001`,
        name: '测试社区1第1网格',
        reason: `上级网格 ${importStreetCode}009 不存在`,
      },
    ])
  })

  it('writes nothing on a dry run, and answers the same report', async () => {
    const content = geoJsonOf(streetFeatures())
    const dry = await world.ok(office, 'grid.import', { format: 'geojson', content, dryRun: true })
    expect(dry).toEqual({ imported: 7, updated: 0, unchanged: 0, rejected: [], dryRun: true })
    expect(await node(world, importStreetCode)).toBeUndefined()
  })

  it('is the district office’s alone, and refuses a file over the size limit or not a FeatureCollection', async () => {
    const content = geoJsonOf(streetFeatures())
    for (const openid of ['demo-resident', 'demo-grid-member']) {
      const answer = await world.call(openid, 'grid.import', { format: 'geojson', content })
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    const big = await world.call(office, 'grid.import', {
      format: 'geojson',
      content: ' '.repeat(maxImportChars + 1),
    })
    expect(big).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { content: expect.stringMatching(/^文件过大/) } },
    })
    const wrong = await world.call(office, 'grid.import', {
      format: 'geojson',
      content: '{"type":"Feature"}',
    })
    expect(wrong).toMatchObject({ ok: false, error: { message: '文件须为 GeoJSON FeatureCollection' } })
    expect(await node(world, importStreetCode)).toBeUndefined()
  })
})
