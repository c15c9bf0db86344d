import path from 'path'

// Helpers shared by the page and component mounts: both load Taro's weapp output the way WeChat would.

const wcc = require('miniprogram-compiler') as { wxmlToJs(root: string): string }

/** wcc's lookup: `gwx('pages/home/index.wxml')` is that template's render function. */
export type Gwx = (wxmlPath: string) => unknown

const compiledByRoot = new Map<string, Gwx>()

/** Compiles every .wxml/.wxs under a build folder with WeChat's own compiler, once per folder. */
export function templatesOf(root: string): Gwx {
  let gwx = compiledByRoot.get(root)
  if (!gwx) {
    // wcc's output assigns a few globals on `window` (jsdom's here) and returns its $gwx lookup.
    gwx = new Function(wcc.wxmlToJs(root))() as Gwx
    compiledByRoot.set(root, gwx)
  }
  return gwx
}

export function templateFor(gwx: Gwx, file: string): unknown {
  const template = gwx(`${file}.wxml`)
  if (typeof template !== 'function') throw new Error(`wcc produced no template for ${file}.wxml`)
  return template
}

/**
 * A CommonJS loader for the build's scripts: each file runs once, wrapped in a function whose parameters are
 * the globals WeChat provides (`scope`), with a `require` that resolves relative to the file.
 */
export function createScriptRunner(
  read: (file: string) => string,
  scope: Record<string, unknown>,
  sourcePrefix: string,
): (file: string) => unknown {
  const exportsByFile = new Map<string, unknown>()
  const run = (file: string): unknown => {
    if (exportsByFile.has(file)) return exportsByFile.get(file)
    const module = { exports: {} as unknown }
    exportsByFile.set(file, module.exports)
    const localRequire = (request: string) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), request))
      return run(target.endsWith('.js') ? target : `${target}.js`)
    }
    const body = `${read(file)}\n//# sourceURL=${sourcePrefix}/${file}`
    new Function(...Object.keys(scope), 'require', 'module', 'exports', body)(
      ...Object.values(scope),
      localRequire,
      module,
      module.exports,
    )
    exportsByFile.set(file, module.exports)
    return module.exports
  }
  return run
}
