import fs from 'node:fs'
import path from 'node:path'
import { loadSettings, settingsVariable } from '../../cloudfunctions/shared/runtime/settings'
import type { CloudFunction, CloudFunctionTrigger } from './manager'
import type { PlannedCall } from './plan'
import { listFiles, zipEntries } from './zip'

/** The Node.js runtime every function is deployed on; config/build-cloud.js targets the same Node. */
export const functionRuntime = 'Nodejs20.19'
/** What never ships: source maps, TypeScript sources, installed packages (the cloud installs from the lockfile). */
export const functionIgnore = ['**/*.map', '**/*.ts', 'node_modules/**', '.DS_Store']
/** Variables with this prefix in `.env` reach every function; the rest of `.env` stays on this machine. */
export const functionVariablePrefix = 'BLUEGRID_'
/** manager-node uploads a zip passed inline only up to this size. */
export const inlineZipLimit = 1.5 * 1024 * 1024
const defaults = { handler: 'index.main', timeout: 10, memorySize: 256 }

export class DeployConfigError extends Error {}

export interface FunctionPackage {
  name: string
  files: { path: string; bytes: number }[]
  zip: Buffer
}

export interface FunctionsPlan {
  calls: PlannedCall[]
  packages: FunctionPackage[]
}

interface CliFunctionConfig {
  name: string
  timeout?: number
  memorySize?: number
  handler?: string
}

/** Every folder of cloudfunctions/ with a main.ts is a deployable function. */
export function discoverFunctions(root: string): string[] {
  const functionsDir = path.join(root, 'cloudfunctions')
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(functionsDir, entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort()
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch (error) {
    throw new DeployConfigError(`${file}: ${(error as Error).message}`)
  }
}

/** The variables from `.env` that ship with the functions; a bad settings override stops the deploy here. */
export function functionVariables(dotEnv: Record<string, string>): Record<string, string> {
  const variables = Object.fromEntries(
    Object.entries(dotEnv)
      .filter(([key]) => key.startsWith(functionVariablePrefix))
      .sort(([a], [b]) => a.localeCompare(b)),
  )
  try {
    loadSettings(variables)
  } catch (error) {
    throw new DeployConfigError(`${settingsVariable} in .env is not valid: ${(error as Error).message}`)
  }
  return variables
}

function checkLockfile(folder: string, name: string): void {
  const manifest = readJson<{ dependencies?: Record<string, string> }>(path.join(folder, 'package.json'))
  const lockPath = path.join(folder, 'package-lock.json')
  if (!fs.existsSync(lockPath)) {
    throw new DeployConfigError(
      `cloudfunctions/${name}/package-lock.json is missing: run ` +
        `\`npm install --package-lock-only --lockfile-version=2 --prefix cloudfunctions/${name}\``,
    )
  }
  const lock = readJson<{ packages?: Record<string, { dependencies?: Record<string, string> }> }>(lockPath)
  const locked = JSON.stringify(lock.packages?.['']?.dependencies ?? {})
  if (locked !== JSON.stringify(manifest.dependencies ?? {})) {
    throw new DeployConfigError(
      `cloudfunctions/${name}/package-lock.json does not match its package.json: regenerate it`,
    )
  }
}

/** The zip of one function's folder, without what the ignore list names. */
export function packFunction(root: string, name: string): FunctionPackage {
  const folder = path.join(root, 'cloudfunctions', name)
  const paths = listFiles(folder, functionIgnore)
  if (!paths.includes('index.js')) {
    throw new DeployConfigError(
      `cloudfunctions/${name}/index.js is missing: run \`node config/build-cloud.js --deploy\``,
    )
  }
  const entries = paths.map((file) => ({ path: file, bytes: fs.readFileSync(path.join(folder, file)) }))
  return {
    name,
    files: entries.map((entry) => ({ path: entry.path, bytes: entry.bytes.length })),
    zip: zipEntries(entries),
  }
}

/** One createFunction call per deployable: it creates the function, or with `force` updates code and config. */
export function planFunctions(root: string, dotEnv: Record<string, string>): FunctionsPlan {
  const cli = readJson<{ functions?: CliFunctionConfig[] }>(path.join(root, 'cloudbaserc.json'))
  const envVariables = functionVariables(dotEnv)
  const packages: FunctionPackage[] = []
  const calls: PlannedCall[] = []
  for (const name of discoverFunctions(root)) {
    const folder = path.join(root, 'cloudfunctions', name)
    checkLockfile(folder, name)
    const configPath = path.join(folder, 'config.json')
    const config = fs.existsSync(configPath)
      ? readJson<{ triggers?: CloudFunctionTrigger[]; permissions?: { openapi?: string[] } }>(configPath)
      : {}
    const triggers = config.triggers ?? []
    // Cloud-call permissions are read from config.json by WeChat DevTools' upload, not by this API: the
    // plan names them so the operator registers them once there (README, "Subscription messages").
    const openapi = config.permissions?.openapi ?? []
    const settings = cli.functions?.find((entry) => entry.name === name) ?? { name }
    const pack = packFunction(root, name)
    if (pack.zip.length > inlineZipLimit) {
      throw new DeployConfigError(
        `cloudfunctions/${name} zips to ${pack.zip.length} bytes, over the inline upload limit`,
      )
    }
    packages.push(pack)
    const func: CloudFunction = {
      name,
      runtime: functionRuntime,
      handler: settings.handler ?? defaults.handler,
      timeout: settings.timeout ?? defaults.timeout,
      memorySize: settings.memorySize ?? defaults.memorySize,
      installDependency: true,
      isWaitInstall: true,
      envVariables,
      triggers: triggers.map(({ name: triggerName, type, config }) => ({ name: triggerName, type, config })),
      ignore: functionIgnore,
    }
    calls.push({
      service: 'functions',
      method: 'createFunction',
      args: [{ func, base64Code: pack.zip.toString('base64'), force: true }],
      purpose:
        `deploy function ${name} (${func.runtime}, ${triggers.length} trigger(s), dependencies installed from its lockfile)` +
        (openapi.length > 0
          ? `; cloud calls ${openapi.join(', ')}: upload once from WeChat DevTools to register them`
          : ''),
    })
  }
  return { calls, packages }
}

/** The lines that say what each zip holds. */
export function describePackages(packages: FunctionPackage[]): string[] {
  return packages.map(
    (pack) =>
      `zip ${pack.name}: ${pack.zip.length.toLocaleString('en-US')} bytes from ` +
      pack.files.map((file) => `${file.path} (${file.bytes.toLocaleString('en-US')})`).join(', '),
  )
}
