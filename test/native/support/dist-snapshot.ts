import fs from 'fs'
import os from 'os'
import path from 'path'

/**
 * A frozen, self-consistent copy of the weapp build output.
 *
 * Why a copy: `npm run build:weapp` (or `dev:weapp --watch`) may be rewriting dist/ while the tests run. WeChat's
 * template compiler (wcc) globs every .wxml/.wxs under the root it is given and our loader reads the .js files
 * one by one; both must see files from ONE build. So we copy dist/ to a temp folder, check that nothing changed
 * while copying and that every file we need is present and parses, and retry for a while if not.
 */
export interface DistSnapshot {
  /** The temp folder holding the copy; pass it to wcc and read scripts from it. */
  root: string
  appJson: AppJson
  /** Reads a file of the snapshot as text (path relative to the root, '/' separated). */
  read(relative: string): string
  /** Removes the temp folder. */
  dispose(): void
}

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  usingComponents?: Record<string, string>
  [key: string]: unknown
}

/** Every page route of app.json, main package first, subpackage pages prefixed with their root. */
export function pageRoutes(appJson: AppJson): string[] {
  const sub = (appJson.subPackages ?? []).flatMap((pkg) =>
    pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`),
  )
  return [...appJson.pages, ...sub]
}

/** The runtime chunks Taro's webpack emits for weapp; app.js `require`s them before calling App(). */
const runtimeFiles = [
  'app.js',
  'app.json',
  'runtime.js',
  'taro.js',
  'vendors.js',
  'common.js',
  'base.wxml',
  'utils.wxs',
  'comp.js',
  'comp.json',
  'comp.wxml',
]

function listFiles(dir: string, base = ''): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const relative = base ? `${base}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...listFiles(dir, relative))
    else if (entry.isFile()) out.push(relative)
  }
  return out.sort()
}

/** How long dist/ must have been left alone before we trust it to be one whole build. */
const settleMs = 1500

function stamp(dir: string, files: string[]): string {
  return files
    .map((file) => {
      const stat = fs.statSync(path.join(dir, file))
      return `${file}:${stat.size}:${stat.mtimeMs}`
    })
    .join('\n')
}

/** One attempt: returns the reason the copy is not usable, or the snapshot. */
function tryCopy(distDir: string, target: string): string | DistSnapshot {
  let before: string
  let files: string[]
  try {
    files = listFiles(distDir)
    before = stamp(distDir, files)
  } catch (error) {
    return `cannot list ${distDir}: ${(error as Error).message}`
  }
  // webpack emits a build's files over a few hundred milliseconds; a copy taken in between would mix builds.
  const newest = Math.max(...before.split('\n').map((line) => Number(line.split(':').pop())))
  if (Date.now() - newest < settleMs) return 'dist/ was written moments ago; waiting for the build to settle'
  fs.rmSync(target, { recursive: true, force: true })
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true })
      fs.copyFileSync(path.join(distDir, file), path.join(target, file))
    }
    // A file rewritten during the copy (or deleted by a clean) shows up as a changed size or mtime.
    if (stamp(distDir, files) !== before) return 'dist/ changed while it was being copied'
  } catch (error) {
    return `dist/ changed while it was being copied (${(error as Error).message})`
  }

  const read = (relative: string) => fs.readFileSync(path.join(target, relative), 'utf8')
  let appJson: AppJson
  try {
    appJson = JSON.parse(read('app.json')) as AppJson
  } catch {
    return 'app.json is missing or half-written'
  }
  const needed = [...runtimeFiles]
  for (const route of pageRoutes(appJson)) needed.push(`${route}.js`, `${route}.json`, `${route}.wxml`)
  for (const file of needed) {
    if (!fs.existsSync(path.join(target, file))) return `${file} is missing`
    const text = read(file)
    try {
      // A half-written bundle or JSON file does not parse; compiling (not running) is enough to tell.
      if (file.endsWith('.js')) new Function(text)
      if (file.endsWith('.json')) JSON.parse(text)
    } catch {
      return `${file} does not parse (half-written?)`
    }
  }
  return { root: target, appJson, read, dispose: () => fs.rmSync(target, { recursive: true, force: true }) }
}

/**
 * Copies dist/ once it is complete and stable. Waits up to `timeoutMs` (a weapp build takes ~7 s here) and then
 * fails with the last reason, pointing at `npm run build:weapp`.
 */
export async function snapshotDist(distDir: string, timeoutMs = 120_000): Promise<DistSnapshot> {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-native-'))
  const deadline = Date.now() + timeoutMs
  let reason = ''
  for (;;) {
    const result = tryCopy(distDir, target)
    if (typeof result !== 'string') return result
    reason = result
    if (Date.now() > deadline) break
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  fs.rmSync(target, { recursive: true, force: true })
  throw new Error(`No usable weapp build in ${distDir}: ${reason}. Run \`npm run build:weapp\` first.`)
}
