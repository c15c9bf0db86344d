import type {
  CloudFunction,
  CreateIndex,
  ExistingIndex,
  Manager,
  StorageRule,
} from '../../tools/deploy/manager'

/** A recorded call on the stand-in, by manager-node's service and method names. */
export interface RecordedCall {
  method: string
  args: unknown[]
}

export interface StandInOptions {
  pgdoc?: boolean
  /** Existing collections and their indexes (without `_id_`, which every collection gets). */
  collections?: Record<string, ExistingIndex[]>
  permissions?: Record<string, string>
  /** How many describeCollection calls a new collection refuses before it is usable. */
  notReadyFor?: number
  /** The permission service fails, as it may where rules are managed otherwise. */
  permissionsUnavailable?: boolean
}

/**
 * An in-memory CloudBase environment behind @cloudbase/manager-node's method names and response shapes:
 * a missing collection makes DescribeTable fail, listCollections pages with a Pager, permissions come back
 * under Data.PermissionList.
 */
export class CloudBaseManagerStandIn implements Manager {
  readonly calls: RecordedCall[] = []
  readonly collections = new Map<string, ExistingIndex[]>()
  readonly permissions = new Map<string, string>()
  readonly functionsDeployed: { func: CloudFunction; base64Code: string; force: boolean }[] = []
  storageRule: { acl: string; rule: StorageRule } | null = null
  private readonly notReady = new Map<string, number>()

  constructor(private readonly options: StandInOptions = {}) {
    for (const [name, indexes] of Object.entries(options.collections ?? {})) {
      this.collections.set(name, [idIndex(), ...indexes])
    }
    for (const [name, permission] of Object.entries(options.permissions ?? {}))
      this.permissions.set(name, permission)
  }

  private record(method: string, args: unknown[]) {
    this.calls.push({ method, args })
  }

  /** The calls that change the environment. */
  writes(): RecordedCall[] {
    const writes = new Set([
      'database.createCollection',
      'database.updateCollection',
      'permission.modifyResourcePermission',
      'functions.createFunction',
      'storage.setStorageAcl',
    ])
    return this.calls.filter((call) => writes.has(call.method))
  }

  env = {
    isPostgresqlEnv: async () => {
      this.record('env.isPostgresqlEnv', [])
      return this.options.pgdoc === true
    },
  }

  database = {
    listCollections: async (options: { MgoLimit?: number; MgoOffset?: number } = {}) => {
      this.record('database.listCollections', [options])
      const limit = options.MgoLimit ?? 100
      const offset = options.MgoOffset ?? 0
      const names = [...this.collections.keys()]
      return {
        RequestId: 'stand-in',
        Collections: names.slice(offset, offset + limit).map((CollectionName) => ({ CollectionName })),
        Pager: { Offset: offset, Limit: limit, Total: names.length },
      }
    },
    describeCollection: async (name: string) => {
      this.record('database.describeCollection', [name])
      const indexes = this.collections.get(name)
      if (!indexes)
        throw Object.assign(new Error(`[DescribeTable] table ${name} not found`), {
          code: 'ResourceNotFound',
        })
      const refusals = this.notReady.get(name) ?? 0
      if (refusals > 0) {
        this.notReady.set(name, refusals - 1)
        throw Object.assign(new Error(`[DescribeTable] table ${name} is being created`), {
          code: 'ResourceUnavailable',
        })
      }
      return { RequestId: 'stand-in', Indexes: indexes, IndexNum: indexes.length }
    },
    createCollection: async (name: string) => {
      this.record('database.createCollection', [name])
      if (this.collections.has(name)) throw new Error(`[CreateTable] table ${name} exists`)
      this.collections.set(name, [idIndex()])
      this.notReady.set(name, this.options.notReadyFor ?? 0)
      return { RequestId: 'stand-in' }
    },
    updateCollection: async (
      name: string,
      change: { CreateIndexes?: CreateIndex[]; DropIndexes?: unknown[] },
    ) => {
      this.record('database.updateCollection', [name, change])
      const indexes = this.collections.get(name)
      if (!indexes) throw new Error(`[UpdateTable] table ${name} not found`)
      for (const index of change.CreateIndexes ?? []) {
        if (indexes.some((existing) => existing.Name === index.IndexName)) {
          throw new Error(`[UpdateTable] index ${index.IndexName} exists`)
        }
        indexes.push({
          Name: index.IndexName,
          Unique: index.MgoKeySchema.MgoIsUnique,
          Keys: index.MgoKeySchema.MgoIndexKeys.map((key) => ({ Name: key.Name, Direction: key.Direction })),
        })
      }
      return { RequestId: 'stand-in' }
    },
  }

  permission = {
    describeResourcePermission: async (options: { resourceType: 'collection'; resources?: string[] }) => {
      this.record('permission.describeResourcePermission', [options])
      if (this.options.permissionsUnavailable) throw new Error('[DescribeResourcePermission] not supported')
      const list = (options.resources ?? [...this.permissions.keys()])
        .filter((name) => this.permissions.has(name))
        .map((name) => ({
          ResourceType: 'collection',
          Resource: name,
          Permission: this.permissions.get(name),
        }))
      return { RequestId: 'stand-in', Data: { TotalCount: list.length, PermissionList: list } }
    },
    modifyResourcePermission: async (options: {
      resourceType: 'collection'
      resource: string
      permission: 'ADMINONLY'
    }) => {
      this.record('permission.modifyResourcePermission', [options])
      this.permissions.set(options.resource, options.permission)
      return { RequestId: 'stand-in', Data: { Success: true } }
    },
  }

  functions = {
    createFunction: async (options: { func: CloudFunction; base64Code: string; force: boolean }) => {
      this.record('functions.createFunction', [options])
      this.functionsDeployed.push(options)
      return { RequestId: 'stand-in' }
    },
  }

  storage = {
    setStorageAcl: async (acl: 'CUSTOM', rule: StorageRule) => {
      this.record('storage.setStorageAcl', [acl, rule])
      this.storageRule = { acl, rule }
      return { RequestId: 'stand-in' }
    },
  }
}

function idIndex(): ExistingIndex {
  return { Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] }
}
