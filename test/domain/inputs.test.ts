import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { actionNames, actions, type ActionName } from '../../src/domain/contract'
import { actionInputs } from '../../src/domain/inputs'

const root = path.resolve(__dirname, '../..')
const src = path.join(root, 'src')
const domain = path.join(src, 'domain')

describe('the client inputs', () => {
  it('name every action of the contract, and no other', () => {
    expect(Object.keys(actionInputs).sort()).toEqual([...actionNames].sort())
  })

  it('are the contract’s own input schemas, object for object', () => {
    for (const name of actionNames) {
      expect([name, actionInputs[name]]).toEqual([name, actions[name].input])
      expect(actionInputs[name] === actions[name].input).toBe(true)
    }
  })

  it('type every action as the contract does (checked by tsc)', () => {
    const typed: { readonly [A in ActionName]: (typeof actions)[A]['input'] } = actionInputs
    expect(typed).toBe(actionInputs)
  })
})

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Every file an import names: platform variants (`cloud.weapp.ts`, `cloud.h5.ts`) all count. */
function resolve(from: string, specifier: string): string[] {
  let base: string
  if (specifier.startsWith('@/')) base = path.join(src, specifier.slice(2))
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier)
  else return []
  const candidates = [
    base,
    ...['', '/index'].flatMap((tail) => ['.ts', '.tsx'].map((ext) => base + tail + ext)),
  ]
  const found = candidates.filter(
    (file) => /\.tsx?$/.test(file) && fs.existsSync(file) && fs.statSync(file).isFile(),
  )
  if (found.length > 0) return found
  const dir = path.dirname(base)
  if (!fs.existsSync(dir)) return []
  const stem = path.basename(base) + '.'
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(stem) && /\.tsx?$/.test(name))
    .map((name) => path.join(dir, name))
}

/** The modules a file loads when it runs: type-only imports and re-exports are erased by the build. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      if (clause?.isTypeOnly) continue
      const bindings = clause?.namedBindings
      const onlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly)
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause
      const onlyTypes =
        clause !== undefined &&
        ts.isNamedExports(clause) &&
        clause.elements.length > 0 &&
        clause.elements.every((element) => element.isTypeOnly)
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers.flatMap((specifier) => resolve(file, specifier))
}

describe('what the mini-program loads of the domain', () => {
  const entries = sourceFiles(src).filter((file) => !file.startsWith(domain + path.sep))
  const reached = new Map<string, string>()
  const queue = entries.map((file) => [file, file] as const)
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, via] = next
    for (const imported of runtimeImports(file)) {
      if (reached.has(imported)) continue
      reached.set(imported, via)
      queue.push([imported, via])
    }
  }
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/')
  const reachedDomain = [...reached.keys()].filter((file) => file.startsWith(domain + path.sep))

  it('follows the client’s imports (the scan finds what api.ts runs)', () => {
    expect(reachedDomain.map(relative)).toEqual(
      expect.arrayContaining([
        'src/domain/inputs.ts',
        'src/domain/case/inputs.ts',
        'src/domain/shared/contract-kit.ts',
      ]),
    )
  })

  it('holds no contract module, so no answer schema ships (only input schemas)', () => {
    const contracts = reachedDomain.filter((file) => /(^|[-/])contract\.ts$/.test(relative(file)))
    expect(
      contracts.map((file) => `${relative(file)} (from ${relative(reached.get(file) ?? file)})`),
    ).toEqual([])
  })
})
