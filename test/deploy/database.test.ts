import {
  applyDatabase,
  collectionPermission,
  indexName,
  planDatabase,
  readDatabaseState,
} from '../../tools/deploy/database-plan'
import { composedDeclaration } from '../../tools/deploy/cli'
import type { Clock } from '../../tools/deploy/plan'
import { CloudBaseManagerStandIn } from '../fakes/cloudbase-manager'

const declaration = composedDeclaration()
const quiet = () => undefined
/** A clock that advances only when the code under test sleeps. */
function steppedClock(): Clock {
  let now = 0
  return { now: () => now, sleep: async (ms) => void (now += ms) }
}

describe('deploy: the database plan', () => {
  it('for an empty environment creates every declared collection, rule and index', async () => {
    const manager = new CloudBaseManagerStandIn()
    const plan = planDatabase(declaration, await readDatabaseState(manager, declaration))

    const byMethod = (method: string) => plan.calls.filter((call) => call.method === method)
    expect(byMethod('createCollection').map((call) => call.args[0])).toEqual(declaration.collections)
    expect(byMethod('modifyResourcePermission').map((call) => call.args[0])).toEqual(
      declaration.collections.map((resource) => ({
        resourceType: 'collection',
        resource,
        permission: 'ADMINONLY',
      })),
    )
    const created = byMethod('updateCollection').map((call) => {
      const [collection, change] = call.args as [string, { CreateIndexes: { IndexName: string }[] }]
      return `${collection}.${change.CreateIndexes[0]!.IndexName}`
    })
    expect(created.sort()).toEqual(
      declaration.indexes.map((index) => `${index.collection}.${indexName(index)}`).sort(),
    )
    expect(plan.unknownIndexes).toEqual([])
    expect(plan.notes).toEqual([])
  })

  it('waits after creating each collection until it answers, then sets its rule before its indexes', async () => {
    const manager = new CloudBaseManagerStandIn()
    const plan = planDatabase(declaration, await readDatabaseState(manager, declaration))
    const forCase = plan.calls.filter((call) => JSON.stringify(call.args).includes('"case"'))
    const caseIndexCount = declaration.indexes.filter((index) => index.collection === 'case').length
    expect(forCase.map((call) => call.method)).toEqual([
      'createCollection',
      'describeCollection',
      'modifyResourcePermission',
      ...Array.from({ length: caseIndexCount }, () => 'updateCollection'),
    ])
    expect(forCase[1]!.pollUntilOk).toEqual({ timeoutMs: 10_000, intervalMs: 500 })
  })

  it('applied to an empty environment, leaves it matching the declaration and a second run changes nothing', async () => {
    const manager = new CloudBaseManagerStandIn({ notReadyFor: 2 })
    const report = await applyDatabase(manager, declaration, quiet, steppedClock())

    expect(report.remaining).toEqual([])
    expect([...manager.collections.keys()].sort()).toEqual([...declaration.collections].sort())
    for (const name of declaration.collections)
      expect(manager.permissions.get(name)).toBe(collectionPermission)
    const indexNames = [...manager.collections].flatMap(([collection, indexes]) =>
      indexes.filter((index) => index.Name !== '_id_').map((index) => `${collection}.${index.Name}`),
    )
    expect(indexNames).toHaveLength(declaration.indexes.length)
    const caseEvent = manager.collections.get('case_event')!.find((index) => index.Name === 'caseId_1_seq_1')
    expect(caseEvent?.Unique).toBe(true)

    const writesBefore = manager.writes().length
    const again = await applyDatabase(manager, declaration, quiet, steppedClock())
    expect(again.plan.calls).toEqual([])
    expect(manager.writes()).toHaveLength(writesBefore)
  })

  it('gives up with a clear error when a new collection never becomes usable', async () => {
    const manager = new CloudBaseManagerStandIn({ notReadyFor: 1000 })
    await expect(applyDatabase(manager, declaration, quiet, steppedClock())).rejects.toThrow(
      /database\.describeCollection still failing after 10000 ms/,
    )
  })

  it('for an environment that has some of it, creates only the rest and reports unknown indexes without dropping them', async () => {
    const manager = new CloudBaseManagerStandIn({
      collections: {
        case: [
          {
            Name: 'gridPath_1_createdAt_1__id_1',
            Unique: false,
            Keys: [
              { Name: 'gridPath', Direction: '1' },
              { Name: 'createdAt', Direction: '1' },
              { Name: '_id', Direction: '1' },
            ],
          },
          // The declared keys under another name count as present.
          {
            Name: 'by_reporter',
            Unique: false,
            Keys: [
              { Name: 'reporterId', Direction: '1' },
              { Name: 'createdAt', Direction: '1' },
              { Name: '_id', Direction: '1' },
            ],
          },
          { Name: 'legacy_title', Unique: false, Keys: [{ Name: 'title', Direction: '1' }] },
        ],
        user: [],
        old_reports: [],
      },
      permissions: { case: 'ADMINONLY', user: 'PRIVATE' },
    })
    const report = await applyDatabase(manager, declaration, quiet, steppedClock())
    const { plan } = report

    const created = plan.calls
      .filter((call) => call.method === 'createCollection')
      .map((call) => call.args[0])
    expect(created).not.toContain('case')
    expect(created).not.toContain('user')
    expect(created).toHaveLength(declaration.collections.length - 2)
    const rules = plan.calls.filter((call) => call.method === 'modifyResourcePermission')
    expect(rules.map((call) => (call.args[0] as { resource: string }).resource)).toContain('user')
    expect(rules.map((call) => (call.args[0] as { resource: string }).resource)).not.toContain('case')
    const caseIndexes = plan.calls.filter(
      (call) => call.method === 'updateCollection' && call.args[0] === 'case',
    )
    const createdNames = caseIndexes.map((call) => JSON.stringify(call.args[1]))
    expect(createdNames).toHaveLength(
      declaration.indexes.filter((index) => index.collection === 'case').length - 2,
    )
    expect(createdNames).toContainEqual(
      expect.stringContaining('"IndexName":"gridPath_1_status_1_createdAt_1__id_1"'),
    )
    expect(createdNames.join()).not.toContain('"IndexName":"gridPath_1_createdAt_1__id_1"')
    expect(createdNames.join()).not.toContain('"IndexName":"reporterId_1_createdAt_1__id_1"')

    expect(plan.unknownIndexes).toEqual([
      { collection: 'case', name: 'legacy_title', fields: ['title:1'], unique: false },
    ])
    expect(plan.unknownCollections).toEqual(['old_reports'])
    expect(manager.collections.get('case')!.map((index) => index.Name)).toContain('legacy_title')
    expect(manager.collections.has('old_reports')).toBe(true)
    expect(JSON.stringify(manager.calls)).not.toContain('DropIndexes')
    expect(manager.calls.map((call) => call.method)).not.toContain('database.deleteCollection')
    expect(report.remaining).toEqual([])
  })

  it('does not create a declared index whose name is taken by other keys, and says so', async () => {
    const manager = new CloudBaseManagerStandIn({
      collections: {
        grid_node: [{ Name: 'parentId_1', Unique: true, Keys: [{ Name: 'parentId', Direction: '1' }] }],
      },
      permissions: { grid_node: 'ADMINONLY' },
    })
    const plan = planDatabase(declaration, await readDatabaseState(manager, declaration))
    const gridCalls = plan.calls.filter((call) => call.args[0] === 'grid_node')
    expect(gridCalls.map((call) => JSON.stringify(call.args[1]))).toEqual([
      expect.stringContaining('"IndexName":"code_1"'),
    ])
    expect(plan.notes).toEqual([
      expect.stringContaining('grid_node: an index named parentId_1 exists with other keys'),
    ])
  })

  it('detects a pgdoc environment and reports what differs there', async () => {
    const manager = new CloudBaseManagerStandIn({
      pgdoc: true,
      permissionsUnavailable: true,
      collections: { case: [] },
    })
    const state = await readDatabaseState(manager, declaration)
    expect(state.pgdoc).toBe(true)
    const plan = planDatabase(declaration, state)
    expect(plan.notes[0]).toMatch(/^pgdoc environment \(PostgreSQL with the Document plugin\)/)
    expect(plan.notes[0]).toMatch(/not documented/)
    expect(plan.notes[1]).toBe('the environment did not report collection rules: every rule is set again')
  })
})
