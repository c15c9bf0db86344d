import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { collections, declaredIndexes } from '../../cloudfunctions/shared/app'
import {
  applyDatabase,
  describeDatabasePlan,
  emptyDatabaseState,
  planDatabase,
  type DatabaseDeclaration,
} from './database-plan'
import { readDotEnv } from './dotenv'
import { trailKeyFrom, trailKeyVariable } from '../../cloudfunctions/shared/cases/trail'
import { describePackages, planFunctions } from './functions-plan'
import {
  createManager,
  loadManagerClass,
  managerPackage,
  missingMethods,
  type Credentials,
  type Manager,
} from './manager'
import { describeCall, runCall, systemClock, type Clock, type PlannedCall } from './plan'
import { planStorage, storageNotes } from './storage-plan'

export const targets = ['db', 'functions', 'storage'] as const
export type Target = (typeof targets)[number]

export const credentialVariables = {
  secretId: 'TCB_SECRET_ID',
  secretKey: 'TCB_SECRET_KEY',
  envId: 'TCB_ENV_ID',
}

export interface DeployOptions {
  argv: string[]
  root: string
  /** The process environment; it wins over `.env` for credentials. */
  env: Record<string, string | undefined>
  log?: (line: string) => void
  /** Builds the function bundles as they ship; the default runs config/build-cloud.js --deploy. */
  buildFunctions?: (root: string) => void
  /** The client; the default is manager-node from tools/deploy/node_modules. */
  createClient?: (credentials: Credentials) => Manager
  clock?: Clock
}

export const usage =
  'usage: node tools/deploy/bin/deploy.js <all|db|functions|storage> [--dry-run]\n' +
  '  --dry-run  print every manager-node call with its arguments (secrets redacted); makes no request'

export function composedDeclaration(): DatabaseDeclaration {
  return { collections: Object.values(collections), indexes: declaredIndexes }
}

/** Credentials from the environment, else from `.env`; the names of those missing. */
export function resolveCredentials(
  env: Record<string, string | undefined>,
  dotEnv: Record<string, string>,
): { credentials: Credentials | null; missing: string[] } {
  const read = (key: string) => env[key] || dotEnv[key] || undefined
  const missing = Object.values(credentialVariables).filter((key) => !read(key))
  if (missing.length > 0) return { credentials: null, missing }
  return {
    credentials: {
      secretId: read(credentialVariables.secretId)!,
      secretKey: read(credentialVariables.secretKey)!,
      envId: read(credentialVariables.envId)!,
      ...(read('TCB_TOKEN') ? { token: read('TCB_TOKEN') } : {}),
      ...(read('TCB_REGION') ? { region: read('TCB_REGION') } : {}),
    },
    missing,
  }
}

function buildFunctionsForDeploy(root: string): void {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'config', 'build-cloud.js'), '--deploy', '--quiet'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) throw new Error(`building the functions failed (exit ${result.status})`)
}

function parseTargets(argv: string[]): Target[] | null {
  const named = argv.filter((arg) => !arg.startsWith('--'))
  if (named.length === 0 || named.includes('all')) return [...targets]
  if (named.some((name) => !(targets as readonly string[]).includes(name))) return null
  return targets.filter((target) => named.includes(target))
}

/** The real client's method names, checked without a request when it is installed. */
function checkInstalledClient(root: string, log: (line: string) => void): void {
  const folder = path.join(root, 'tools', 'deploy')
  const CloudBase = loadManagerClass(folder)
  if (!CloudBase) {
    log(`(${managerPackage} is not installed in tools/deploy: its method names were not checked)`)
    return
  }
  const missing = missingMethods(
    new CloudBase({ secretId: 'dry-run', secretKey: 'dry-run', envId: 'dry-run' }),
  )
  if (missing.length > 0) throw new Error(`the installed ${managerPackage} lacks ${missing.join(', ')}`)
  log(`(${managerPackage} in tools/deploy has every method this plan calls)`)
}

/** Runs `deploy [targets] [--dry-run]`; resolves to the process exit code. */
export async function runDeploy(options: DeployOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line))
  const { argv, root } = options
  const dryRun = argv.includes('--dry-run')
  const chosen = parseTargets(argv)
  if (argv.includes('--help') || !chosen || argv.some((arg) => arg.startsWith('--') && arg !== '--dry-run')) {
    log(usage)
    return argv.includes('--help') ? 0 : 64
  }
  const dotEnv = readDotEnv(path.join(root, '.env'))
  const { credentials, missing } = resolveCredentials(options.env, dotEnv)
  if (!dryRun && !credentials) {
    log(
      `Refusing to deploy: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. ` +
        'Set them in the environment or in .env at the repository root (never committed), or run with ' +
        '--dry-run to print the plan without credentials.',
    )
    return 2
  }
  const clock = options.clock ?? systemClock
  const build = options.buildFunctions ?? buildFunctionsForDeploy
  const printCalls = (section: string, calls: PlannedCall[]) =>
    calls.forEach((call, position) =>
      log(`[${section} ${position + 1}/${calls.length}] ${describeCall(call)}`),
    )

  let manager: Manager | null = null
  const client = () => {
    manager ??= (
      options.createClient ?? ((given) => createManager(path.join(root, 'tools', 'deploy'), given))
    )(credentials!)
    return manager
  }

  if (dryRun) {
    log(`dry run of ${chosen.join(', ')}: no request is made, no credential is needed`)
    checkInstalledClient(root, log)
  } else {
    log(`deploying ${chosen.join(', ')} to environment ${credentials!.envId}`)
  }

  if (chosen.includes('db')) {
    const declaration = composedDeclaration()
    log(
      `database: ${declaration.collections.length} collections, ${declaration.indexes.length} indexes declared`,
    )
    if (dryRun) {
      log(
        'database: a real run first reads env.isPostgresqlEnv(), database.listCollections(), ' +
          'database.describeCollection(<each existing>), permission.describeResourcePermission(); ' +
          'this plan assumes an empty environment',
      )
      const plan = planDatabase(declaration, emptyDatabaseState())
      describeDatabasePlan(plan).forEach(log)
      printCalls('db', plan.calls)
    } else {
      const report = await applyDatabase(client(), declaration, log, clock)
      const { plan, remaining } = report
      log(
        `database: ${plan.calls.length} calls made; ${plan.unknownIndexes.length} unknown indexes and ` +
          `${plan.unknownCollections.length} unknown collections kept`,
      )
      if (remaining.length > 0) {
        log(`database: reading the environment again still plans ${remaining.length} calls:`)
        printCalls('db again', remaining)
        return 1
      }
      log('database: reading the environment again plans nothing more')
    }
  }

  if (chosen.includes('functions')) {
    build(root)
    const plan = planFunctions(root, dotEnv)
    const zipDir = path.join(root, '.build', 'deploy')
    fs.mkdirSync(zipDir, { recursive: true })
    for (const pack of plan.packages) fs.writeFileSync(path.join(zipDir, `${pack.name}.zip`), pack.zip)
    describePackages(plan.packages).forEach(log)
    log(`(the zips are in .build/deploy/)`)
    if (dryRun) printCalls('functions', plan.calls)
    if (!shipsTrailKey(dotEnv)) {
      const note = `${trailKeyVariable} in .env is missing or shorter than 32 characters: the functions would refuse to start`
      if (!dryRun) {
        log(`${note}. Set it to a long random secret (e.g. \`openssl rand -hex 32\`) and deploy again.`)
        return 1
      }
      log(`note: ${note}`)
    }
    for (const call of dryRun ? [] : plan.calls) {
      log(`… ${call.purpose}`)
      await runCall(client(), call, clock)
      log(`done: ${call.purpose}`)
    }
  }

  if (chosen.includes('storage')) {
    const calls = planStorage(root)
    storageNotes.forEach((note) => log(`note: ${note}`))
    if (dryRun) printCalls('storage', calls)
    for (const call of dryRun ? [] : calls) {
      await runCall(client(), call, clock)
      log(`done: ${call.purpose}`)
    }
  }
  return 0
}

/** The command line: exit code from runDeploy, errors as one readable line. */
export function main(root: string): void {
  runDeploy({ argv: process.argv.slice(2), root, env: process.env })
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      console.error(`✗ ${error.message}`)
      process.exit(1)
    })
}

/** Whether `.env` gives the functions a usable trail key (they refuse to start without one). */
function shipsTrailKey(dotEnv: Record<string, string>): boolean {
  try {
    trailKeyFrom(dotEnv)
    return true
  } catch {
    return false
  }
}
