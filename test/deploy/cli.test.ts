import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runDeploy } from '../../tools/deploy/cli'
import { loadManagerClass, missingMethods } from '../../tools/deploy/manager'
import { CloudBaseManagerStandIn } from '../fakes/cloudbase-manager'

const root = path.resolve(__dirname, '..', '..')
const credentials = { TCB_SECRET_ID: 'AKID-test', TCB_SECRET_KEY: 'key-test', TCB_ENV_ID: 'bluegrid-test' }
const noBuild = () => undefined
/** Owner-only: a client reads what it uploaded and writes only into uploads/ (test/deploy/storage.test.ts). */
const storageRule = {
  read: 'resource.openid == auth.openid',
  write: 'resource.openid == auth.openid && /^uploads\\//.test(resource.path) == true',
}

const scratchRoots: string[] = []
afterAll(() => scratchRoots.forEach((scratch) => fs.rmSync(scratch, { recursive: true, force: true })))

/** A copy of the parts of the repository deploy reads, with its own .env. */
function scratchRoot(dotEnv?: string): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-deploy-'))
  scratchRoots.push(scratch)
  for (const part of [
    'cloudbaserc.json',
    'cloudfunctions/api',
    'cloudfunctions/jobs',
    'tools/deploy/storage-rules.json',
  ]) {
    fs.cpSync(path.join(root, part), path.join(scratch, part), { recursive: true })
  }
  if (dotEnv !== undefined) fs.writeFileSync(path.join(scratch, '.env'), dotEnv)
  return scratch
}

async function deploy(
  argv: string[],
  env: Record<string, string>,
  at = scratchRoot(),
  manager = new CloudBaseManagerStandIn(),
) {
  const lines: string[] = []
  let clientsMade = 0
  const code = await runDeploy({
    argv,
    root: at,
    env,
    log: (line) => lines.push(line),
    buildFunctions: noBuild,
    createClient: () => {
      clientsMade += 1
      return manager
    },
  })
  return { code, output: lines.join('\n'), lines, clientsMade, manager }
}

describe('deploy: the command', () => {
  it('refuses without credentials, naming what is missing, and makes no client', async () => {
    const result = await deploy(['all'], {})
    expect(result.code).toBe(2)
    expect(result.output).toMatch(
      /^Refusing to deploy: TCB_SECRET_ID, TCB_SECRET_KEY, TCB_ENV_ID are not set\./,
    )
    expect(result.output).toContain('--dry-run')
    expect(result.clientsMade).toBe(0)
  })

  it('takes what .env provides and names only what is still missing', async () => {
    const result = await deploy(
      ['db'],
      { TCB_SECRET_ID: 'AKID-test' },
      scratchRoot('TCB_ENV_ID=bluegrid-test\n'),
    )
    expect(result.code).toBe(2)
    expect(result.output).toMatch(/^Refusing to deploy: TCB_SECRET_KEY is not set\./)
  })

  it('prints the whole plan offline on --dry-run, without credentials or a client', async () => {
    const result = await deploy(['all', '--dry-run'], {}, scratchRoot("BLUEGRID_TRAIL_KEY='very-secret'\n"))
    expect(result.code).toBe(0)
    expect(result.clientsMade).toBe(0)
    expect(result.output).toMatch(/\[db 1\/\d+\] database\.createCollection\("counter"\)/)
    expect(result.output).toMatch(
      /\[functions 2\/2\] functions\.createFunction\(\{"func":\{"name":"jobs","runtime":"Nodejs20\.19"/,
    )
    expect(result.output).toContain(
      `[storage 1/1] storage.setStorageAcl("CUSTOM", ${JSON.stringify(storageRule)})`,
    )
    expect(result.output).toContain('"BLUEGRID_TRAIL_KEY":"<redacted>"')
    expect(result.output).not.toContain('very-secret')
  })

  it('with credentials, applies db, functions and storage in that order and reports a pgdoc environment', async () => {
    const manager = new CloudBaseManagerStandIn({ pgdoc: true })
    const result = await deploy(
      ['all'],
      credentials,
      scratchRoot(`BLUEGRID_TRAIL_KEY=${'k'.repeat(40)}\n`),
      manager,
    )
    expect(result.code).toBe(0)
    expect(result.clientsMade).toBe(1)
    expect(result.output).toMatch(/note: pgdoc environment/)
    expect(result.output).toContain('database: reading the environment again plans nothing more')
    const order = manager.writes().map((call) => call.method)
    expect(order.lastIndexOf('database.updateCollection')).toBeLessThan(
      order.indexOf('functions.createFunction'),
    )
    expect(order[order.length - 1]).toBe('storage.setStorageAcl')
    expect(manager.functionsDeployed.map((deployed) => deployed.func.name)).toEqual(['api', 'jobs'])
    expect(manager.storageRule).toEqual({
      acl: 'CUSTOM',
      rule: storageRule,
    })
  })

  it('refuses to deploy functions that would have no trail key to seal with, and says so in a dry run', async () => {
    const manager = new CloudBaseManagerStandIn({ pgdoc: false })
    const result = await deploy(
      ['functions'],
      credentials,
      scratchRoot("BLUEGRID_TRAIL_KEY='short'\n"),
      manager,
    )
    expect(result.code).toBe(1)
    expect(result.output).toContain('BLUEGRID_TRAIL_KEY in .env is missing or shorter than 32 characters')
    expect(manager.functionsDeployed).toEqual([])
    const dry = await deploy(['functions', '--dry-run'], {}, scratchRoot())
    expect(dry.code).toBe(0)
    expect(dry.output).toContain('note: BLUEGRID_TRAIL_KEY in .env is missing')
  })

  it('calls only methods the installed manager-node has', () => {
    const CloudBase = loadManagerClass(path.join(root, 'tools', 'deploy'))
    if (!CloudBase) return // tools/deploy/node_modules is installed by CI before the dry run
    expect(missingMethods(new CloudBase({ secretId: 'x', secretKey: 'y', envId: 'z' }))).toEqual([])
  })
})
