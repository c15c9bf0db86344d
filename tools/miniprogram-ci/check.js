// Compiles the weapp build with WeChat's own compiler (miniprogram-ci), offline, and fails on what it reports
// as an error: a JS, WXML or WXSS file it cannot parse, a page, component or file reference it cannot
// resolve, or a package over WeChat's size limit. Prints the per-package sizes of the compiled result.
// Usage: node tools/miniprogram-ci/check.js [projectRoot]   (projectRoot holds project.config.json; default: the repo)
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const ci = require('miniprogram-ci')

const projectRoot = path.resolve(process.argv[2] || path.join(__dirname, '..', '..'))

async function check() {
  const config = JSON.parse(fs.readFileSync(path.join(projectRoot, 'project.config.json'), 'utf8'))
  const miniprogramRoot = config.miniprogramRoot || './'
  const appJsonFile = path.join(projectRoot, miniprogramRoot, 'app.json')
  if (!fs.existsSync(appJsonFile)) {
    return [`no weapp build at ${path.dirname(appJsonFile)}: run npm run build:weapp first`]
  }

  // The compiler globs its whole project directory: give it only project.config.json and the build.
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-miniprogram-ci-'))
  try {
    fs.copyFileSync(path.join(projectRoot, 'project.config.json'), path.join(stage, 'project.config.json'))
    fs.cpSync(path.join(projectRoot, miniprogramRoot), path.join(stage, miniprogramRoot), { recursive: true })
    const project = new ci.Project({
      appid: config.appid,
      type: 'miniProgram',
      projectPath: stage,
      // Nothing is uploaded: the key is never used, and the account's limits are WeChat's defaults.
      privateKey: 'offline-check',
      attr: async () => ci.DefaultProjectAttr,
    })
    const appJson = JSON.parse(fs.readFileSync(appJsonFile, 'utf8'))
    const subRoots = (appJson.subPackages || appJson.subpackages || []).map((sub) =>
      sub.root.replace(/\/$/, ''),
    )
    return [...(await compile(project, subRoots)), ...(await analyse(project)), ...(await quality(project))]
  } finally {
    fs.rmSync(stage, { recursive: true, force: true })
  }
}

// Compiled with the project's own settings, the result is the package as uploaded (sizes); with ES5
// transpiling and minifying on, the compiler also parses every JS, WXML and WXSS file (errors).
const strict = { es7: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true }

async function compile(project, subRoots) {
  const started = Date.now()
  let files
  try {
    files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } })
    await ci.getCompiledResult({ project, setting: strict })
  } catch (error) {
    return [`compile: ${error && error.message ? error.message : String(error)}`]
  }
  const sizes = { main: 0, ...Object.fromEntries(subRoots.map((root) => [root, 0])) }
  for (const [name, content] of Object.entries(files)) {
    const owner = subRoots.find((root) => name.startsWith(root + '/')) || 'main'
    sizes[owner] += Buffer.byteLength(content)
  }
  const count = Object.keys(files).length
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`compiled ${count} files, as uploaded and strictly, in ${seconds} s; the package as uploaded:`)
  for (const [owner, bytes] of Object.entries(sizes)) {
    console.log(`  ${owner.padEnd(12)} ${String(bytes).padStart(8)} bytes (${(bytes / 1024).toFixed(1)} KB)`)
  }
  return []
}

async function analyse(project) {
  const { modules } = await ci.analyseCode(project, { silent: true })
  const problems = []
  for (const module of modules) {
    for (const error of module.errors || []) problems.push(`analyse: ${module.path}: ${describe(error)}`)
    for (const dep of module.deps || []) {
      if (dep.error) problems.push(`analyse: ${module.path} → ${dep.request}: ${describe(dep.error)}`)
    }
  }
  console.log(`dependency analysis: ${modules.length} modules, ${problems.length} unresolved`)
  return problems
}

// The quality scan's other items (compression, lazy loading, unused files) are advice: printed, not failed.
async function quality(project) {
  const items = await ci.checkCodeQuality(project)
  const problems = []
  for (const item of items) {
    console.log(`  ${item.success ? 'ok  ' : 'note'} ${item.name}: ${item.text}`)
    if (item.name === 'PACKAGE_SIZE_LIMIT') {
      for (const [pkg, bytes] of Object.entries(item.detail || {})) {
        console.log(
          `         ${pkg.padEnd(12)} ${String(bytes).padStart(8)} bytes (${(bytes / 1024).toFixed(1)} KB)`,
        )
      }
      if (!item.success) problems.push(`quality: ${item.text}`)
    }
  }
  return problems
}

function describe(error) {
  return typeof error === 'string' ? error : error && error.message ? error.message : JSON.stringify(error)
}

check()
  .then((problems) => {
    if (problems.length > 0) {
      console.error(`WeChat's compiler reported ${problems.length} error(s):\n  ${problems.join('\n  ')}`)
      process.exit(1)
    }
    console.log('miniprogram-ci: no errors')
    // The compiler leaves worker processes and watchers running: end explicitly.
    process.exit(0)
  })
  .catch((error) => {
    console.error('miniprogram-ci check failed:', error)
    process.exit(1)
  })
