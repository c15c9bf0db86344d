import type { IndexDeclaration } from '../../cloudfunctions/shared/db/declaration'
import type { CreateIndex, ExistingIndex, Manager } from './manager'
import { runCall, systemClock, type Clock, type PlannedCall } from './plan'

/** What the database must hold: every collection, each one's rule, every index. */
export interface DatabaseDeclaration {
  collections: string[]
  indexes: IndexDeclaration[]
}

/** What an environment holds, as manager-node's list and describe calls report it. */
export interface DatabaseState {
  pgdoc: boolean
  /** Existing collections and their indexes (indexes read only for declared collections). */
  collections: Map<string, ExistingIndex[]>
  /** Collection -> its permission; null when the environment did not say. */
  permissions: Map<string, string> | null
}

export interface UnknownIndex {
  collection: string
  name: string
  fields: string[]
  unique: boolean
}

export interface DatabasePlan {
  calls: PlannedCall[]
  /** Indexes the environment has and the declaration does not: reported, never dropped. */
  unknownIndexes: UnknownIndex[]
  /** Collections the environment has and the declaration does not: reported, never dropped. */
  unknownCollections: string[]
  /** Facts the operator should read (pgdoc, name clashes, limits). */
  notes: string[]
}

/** The rule of every collection the client never reads directly: functions are exempt from rules. */
export const collectionPermission = 'ADMINONLY'
/** The per-collection index count to plan for (the platform's documented limits differ). */
export const indexesPerCollectionLimit = 20
/** A new collection is polled until it answers, for as long as Tencent's own tool waits. */
export const collectionReadyPoll = { timeoutMs: 10_000, intervalMs: 500 }
const listPageSize = 100
const pgdocNote =
  'pgdoc environment (PostgreSQL with the Document plugin): collections, rules and indexes go through the same ' +
  'calls as the classic database, but whether index and rule management behave the same there is not ' +
  'documented; deploy reads every collection back after applying and reports what did not take.'

/** A declared field as MongoDB keys it: `-points` is points descending. */
function indexKeyOf(field: string): { Name: string; Direction: '1' | '-1' } {
  return field.startsWith('-') ? { Name: field.slice(1), Direction: '-1' } : { Name: field, Direction: '1' }
}

/** MongoDB's default name for an index: `field_1_other_-1`. */
export function indexName(index: IndexDeclaration): string {
  return index.fields
    .map(indexKeyOf)
    .map((key) => `${key.Name}_${key.Direction}`)
    .join('_')
}

function createIndexArgument(index: IndexDeclaration): CreateIndex {
  return {
    IndexName: indexName(index),
    MgoKeySchema: {
      MgoIsUnique: index.unique === true,
      MgoIndexKeys: index.fields.map(indexKeyOf),
    },
  }
}

function sameIndex(existing: ExistingIndex, declared: IndexDeclaration): boolean {
  const keys = existing.Keys ?? []
  return (
    Boolean(existing.Unique) === (declared.unique === true) &&
    keys.length === declared.fields.length &&
    keys.every((key, position) => {
      const wanted = indexKeyOf(declared.fields[position] ?? '')
      return key.Name === wanted.Name && String(key.Direction) === wanted.Direction
    })
  )
}

/** The state of an environment that has nothing yet: what a dry run plans against. */
export function emptyDatabaseState(pgdoc = false): DatabaseState {
  return { pgdoc, collections: new Map(), permissions: new Map() }
}

/** Reads what the plan depends on, through read-only calls only. */
export async function readDatabaseState(
  manager: Manager,
  declaration: DatabaseDeclaration,
): Promise<DatabaseState> {
  const pgdoc = await manager.env.isPostgresqlEnv()
  const names: string[] = []
  for (let offset = 0; ; offset += listPageSize) {
    const page = await manager.database.listCollections({ MgoLimit: listPageSize, MgoOffset: offset })
    names.push(...page.Collections.map((collection) => collection.CollectionName))
    if (page.Collections.length < listPageSize || offset + listPageSize >= page.Pager.Total) break
  }
  const collections = new Map<string, ExistingIndex[]>()
  for (const name of names) {
    const indexes = declaration.collections.includes(name)
      ? ((await manager.database.describeCollection(name)).Indexes ?? [])
      : []
    collections.set(name, indexes)
  }
  const existingDeclared = declaration.collections.filter((name) => collections.has(name))
  let permissions: Map<string, string> | null = new Map()
  try {
    for (let start = 0; start < existingDeclared.length; start += 100) {
      const response = await manager.permission.describeResourcePermission({
        resourceType: 'collection',
        resources: existingDeclared.slice(start, start + 100),
      })
      for (const item of response.Data?.PermissionList ?? []) {
        if (item.Resource && item.Permission) permissions.set(item.Resource, item.Permission)
      }
    }
  } catch {
    permissions = null
  }
  return { pgdoc, collections, permissions }
}

/** The calls that bring the environment to the declaration, in order, creating and setting only what lacks. */
export function planDatabase(declaration: DatabaseDeclaration, state: DatabaseState): DatabasePlan {
  const calls: PlannedCall[] = []
  const unknownIndexes: UnknownIndex[] = []
  const notes: string[] = []
  if (state.pgdoc) notes.push(pgdocNote)
  if (state.permissions === null) {
    notes.push('the environment did not report collection rules: every rule is set again')
  }
  for (const collection of declaration.collections) {
    const existing = state.collections.get(collection)
    if (!existing) {
      calls.push({
        service: 'database',
        method: 'createCollection',
        args: [collection],
        purpose: `create collection ${collection}`,
      })
      calls.push({
        service: 'database',
        method: 'describeCollection',
        args: [collection],
        purpose: `wait until ${collection} is usable`,
        pollUntilOk: collectionReadyPoll,
      })
    }
    if (!existing || state.permissions?.get(collection) !== collectionPermission) {
      calls.push({
        service: 'permission',
        method: 'modifyResourcePermission',
        args: [{ resourceType: 'collection', resource: collection, permission: collectionPermission }],
        purpose: `rule of ${collection}: ${collectionPermission} (client SDK may neither read nor write)`,
      })
    }
    const declared = declaration.indexes.filter((index) => index.collection === collection)
    const present = existing ?? []
    for (const index of declared) {
      if (present.some((candidate) => sameIndex(candidate, index))) continue
      const clash = present.find((candidate) => candidate.Name === indexName(index))
      if (clash) {
        notes.push(
          `${collection}: an index named ${clash.Name} exists with other keys; the declared one is not created ` +
            'until that index is dropped by hand',
        )
        continue
      }
      calls.push({
        service: 'database',
        method: 'updateCollection',
        args: [collection, { CreateIndexes: [createIndexArgument(index)] }],
        purpose: `index ${collection}(${index.fields.join(', ')})${index.unique ? ' unique' : ''}`,
      })
    }
    const unknown = present.filter(
      (candidate) => candidate.Name !== '_id_' && !declared.some((index) => sameIndex(candidate, index)),
    )
    unknownIndexes.push(
      ...unknown.map((index) => ({
        collection,
        name: index.Name,
        fields: (index.Keys ?? []).map((key) => `${key.Name}:${key.Direction}`),
        unique: Boolean(index.Unique),
      })),
    )
    if (declared.length + unknown.length > indexesPerCollectionLimit) {
      notes.push(
        `${collection}: ${declared.length} declared and ${unknown.length} unknown indexes exceed the ` +
          `${indexesPerCollectionLimit} to plan for`,
      )
    }
  }
  const unknownCollections = [...state.collections.keys()].filter(
    (name) => !declaration.collections.includes(name),
  )
  return { calls, unknownIndexes, unknownCollections, notes }
}

/** The plan's lines: its calls, then what it leaves alone and why. */
export function describeDatabasePlan(plan: DatabasePlan): string[] {
  return [
    ...plan.notes.map((note) => `note: ${note}`),
    ...plan.unknownIndexes.map(
      (index) =>
        `kept: index ${index.collection}.${index.name} (${index.fields.join(', ')}${index.unique ? ', unique' : ''}) ` +
        'is not declared; drop it by hand if it is unused',
    ),
    ...plan.unknownCollections.map((name) => `kept: collection ${name} is not declared`),
  ]
}

export interface DatabaseReport {
  plan: DatabasePlan
  /** Calls a second reading of the environment still plans: empty when everything took. */
  remaining: PlannedCall[]
}

/** Reads the environment, applies the plan call by call, then reads it again to confirm. */
export async function applyDatabase(
  manager: Manager,
  declaration: DatabaseDeclaration,
  log: (line: string) => void,
  clock: Clock = systemClock,
): Promise<DatabaseReport> {
  const plan = planDatabase(declaration, await readDatabaseState(manager, declaration))
  describeDatabasePlan(plan).forEach(log)
  for (const call of plan.calls) {
    await runCall(manager, call, clock)
    log(`done: ${call.purpose}`)
  }
  const remaining = planDatabase(declaration, await readDatabaseState(manager, declaration)).calls
  return { plan, remaining }
}
