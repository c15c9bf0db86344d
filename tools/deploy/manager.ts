import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * The part of @cloudbase/manager-node (5.x) that deploy calls, with its own method names and argument
 * shapes. The real client is loaded from this folder's node_modules; tests pass a stand-in of the same shape.
 */
export interface IndexKey {
  Name?: string
  Direction?: string
}
export interface ExistingIndex {
  Name: string
  Keys: IndexKey[]
  Unique: boolean
}
export interface CreateIndex {
  IndexName: string
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: string }[] }
}
export interface CollectionPermission {
  Resource?: string
  Permission?: string
  SecurityRule?: string
}
export interface CloudFunctionTrigger {
  name: string
  type: string
  config: string
}
export interface CloudFunction {
  name: string
  runtime: string
  handler: string
  timeout: number
  memorySize: number
  installDependency: boolean
  isWaitInstall: boolean
  envVariables: Record<string, string>
  triggers: CloudFunctionTrigger[]
  ignore: string[]
}
export interface StorageRule {
  read: boolean | string
  write: boolean | string
}

export interface Manager {
  env: {
    isPostgresqlEnv(): Promise<boolean>
  }
  database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{
      Collections: { CollectionName: string }[]
      Pager: { Offset: number; Limit: number; Total: number }
    }>
    describeCollection(name: string): Promise<{ Indexes?: ExistingIndex[] }>
    createCollection(name: string): Promise<unknown>
    updateCollection(name: string, indexes: { CreateIndexes?: CreateIndex[] }): Promise<unknown>
  }
  permission: {
    describeResourcePermission(options: {
      resourceType: 'collection'
      resources?: string[]
    }): Promise<{ Data: { PermissionList: CollectionPermission[] } }>
    modifyResourcePermission(options: {
      resourceType: 'collection'
      resource: string
      permission: 'ADMINONLY'
    }): Promise<unknown>
  }
  functions: {
    createFunction(options: { func: CloudFunction; base64Code: string; force: boolean }): Promise<unknown>
  }
  storage: {
    setStorageAcl(acl: 'CUSTOM', rule: StorageRule): Promise<unknown>
  }
}

export type ServiceName = keyof Manager

/** Every method deploy may call, by service: checked against the installed client before any call. */
export const usedMethods: { [S in ServiceName]: (keyof Manager[S])[] } = {
  env: ['isPostgresqlEnv'],
  database: ['listCollections', 'describeCollection', 'createCollection', 'updateCollection'],
  permission: ['describeResourcePermission', 'modifyResourcePermission'],
  functions: ['createFunction'],
  storage: ['setStorageAcl'],
}

export interface Credentials {
  secretId: string
  secretKey: string
  envId: string
  token?: string
  region?: string
}

export const managerPackage = '@cloudbase/manager-node'

export class ManagerNotInstalledError extends Error {
  constructor(folder: string) {
    super(`${managerPackage} is not installed: run \`npm ci --prefix ${folder}\` first.`)
  }
}

/** Loads the real client from the tools folder (null when it is not installed). */
export function loadManagerClass(folder: string): (new (config: Record<string, unknown>) => unknown) | null {
  const requireFromTools = createRequire(path.join(folder, 'package.json'))
  try {
    return requireFromTools(managerPackage)
  } catch {
    return null
  }
}

/** The names of the methods in `usedMethods` that the given client lacks (empty when all are there). */
export function missingMethods(client: unknown): string[] {
  const services = client as Record<string, Record<string, unknown> | undefined>
  return (Object.keys(usedMethods) as ServiceName[]).flatMap((service) =>
    usedMethods[service]
      .map(String)
      .filter((method) => typeof services[service]?.[method] !== 'function')
      .map((method) => `${service}.${method}`),
  )
}

/** Builds the real client; constructing it makes no request. */
export function createManager(folder: string, credentials: Credentials): Manager {
  const CloudBase = loadManagerClass(folder)
  if (!CloudBase) throw new ManagerNotInstalledError(folder)
  const client = new CloudBase({ ...credentials })
  const missing = missingMethods(client)
  if (missing.length > 0) {
    throw new Error(`the installed ${managerPackage} lacks ${missing.join(', ')}: check its version`)
  }
  return client as Manager
}
