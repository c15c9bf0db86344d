import fs from 'node:fs'
import path from 'node:path'
import {
  DeployConfigError,
  describePackages,
  discoverFunctions,
  functionRuntime,
  functionVariables,
  planFunctions,
} from '../../tools/deploy/functions-plan'
import type { CloudFunction } from '../../tools/deploy/manager'
import { describeCall } from '../../tools/deploy/plan'

const root = path.resolve(__dirname, '..', '..')
const dotEnv = {
  BLUEGRID_SETTINGS: '{}',
  BLUEGRID_TRAIL_KEY: 'trail-key-value',
  TCB_SECRET_ID: 'secret-id-value',
  TCB_SECRET_KEY: 'secret-key-value',
  TCB_ENV_ID: 'bluegrid-prod',
}

/** The names in a zip's central directory. */
function zipNames(zip: Buffer): string[] {
  const names: string[] = []
  for (let at = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1')); at >= 0;) {
    const length = zip.readUInt16LE(at + 28)
    names.push(zip.subarray(at + 46, at + 46 + length).toString('utf8'))
    at = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'), at + 46 + length)
  }
  return names
}

describe('deploy: the functions plan', () => {
  // The global setup's local build leaves source maps next to each bundle: the plan must not ship them.
  const plan = planFunctions(root, dotEnv)
  const funcs = plan.calls.map((call) => (call.args[0] as { func: CloudFunction }).func)

  it('deploys every folder with a main.ts, on the current Node.js runtime, installing from its lockfile', () => {
    expect(discoverFunctions(root)).toEqual(expect.arrayContaining(['api', 'jobs']))
    expect(funcs.map((func) => func.name)).toEqual(discoverFunctions(root))
    for (const func of funcs) {
      expect(func.runtime).toBe('Nodejs20.19')
      expect(func.installDependency).toBe(true)
      expect(fs.existsSync(path.join(root, 'cloudfunctions', func.name, 'package-lock.json'))).toBe(true)
    }
    expect(plan.calls.every((call) => call.service === 'functions' && call.method === 'createFunction')).toBe(
      true,
    )
  })

  it('ships the BLUEGRID_ variables of .env, printed redacted, and never the credentials', () => {
    for (const func of funcs) {
      expect(func.envVariables).toEqual({ BLUEGRID_SETTINGS: '{}', BLUEGRID_TRAIL_KEY: 'trail-key-value' })
    }
    const printed = plan.calls.map(describeCall).join('\n')
    expect(printed).toContain(
      '"envVariables":{"BLUEGRID_SETTINGS":"<redacted>","BLUEGRID_TRAIL_KEY":"<redacted>"}',
    )
    expect(printed).not.toMatch(/trail-key-value|secret-id-value|secret-key-value/)
    expect(printed).toMatch(/"base64Code":"<zip, [\d,]+ bytes>"/)
  })

  it('gives the jobs function the timer triggers of its config.json', () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions/jobs/config.json'), 'utf8'))
    const jobs = funcs.find((func) => func.name === 'jobs')!
    expect(jobs.triggers).toEqual(config.triggers)
    expect(jobs.triggers[0]).toMatchObject({ type: 'timer', config: expect.stringMatching(/^(\S+ ){6}\S+$/) })
    expect(funcs.find((func) => func.name === 'api')!.triggers).toEqual([])
  })

  it('zips each function without source maps or TypeScript, and the zip holds exactly the listed files', () => {
    for (const pack of plan.packages) {
      const listed = pack.files.map((file) => file.path)
      expect(listed).toContain('index.js')
      expect(listed).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']))
      expect(listed.filter((file) => file.endsWith('.map') || file.endsWith('.ts'))).toEqual([])
      expect(zipNames(pack.zip)).toEqual(listed)
    }
    expect(describePackages(plan.packages)[0]).toMatch(
      /^zip api: [\d,]+ bytes from config\.json \([\d,]+\), index\.js \([\d,]+\)/,
    )
  })

  it('refuses a settings override that the functions would refuse at start', () => {
    expect(() => functionVariables({ BLUEGRID_SETTINGS: 'not json' })).toThrow(DeployConfigError)
    expect(() => functionVariables({ BLUEGRID_SETTINGS: 'not json' })).toThrow(
      /BLUEGRID_SETTINGS in \.env is not valid/,
    )
  })

  it('agrees with cloudbaserc.json, which the CloudBase CLI reads, on runtime and triggers', () => {
    const cli = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as {
      functions: { name: string; runtime: string; triggers?: unknown[] }[]
    }
    for (const entry of cli.functions) {
      expect(entry.runtime).toBe(functionRuntime)
      expect(entry.triggers ?? []).toEqual(funcs.find((func) => func.name === entry.name)!.triggers)
    }
  })
})
