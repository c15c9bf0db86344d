// Bundles each cloud function (cloudfunctions/<name>/main.ts -> index.js, what CloudBase deploys) and the
// local emulator's programs (.build/emulator.js, .build/seed-load.js). @cloudbase/node-sdk and wx-server-sdk stay external:
// CloudBase installs them from the function's package.json and package-lock.json.
// Usage: node config/build-cloud.js [--quiet] [--deploy]; --deploy builds only the functions, without source
// maps, as they are uploaded.
const path = require('node:path')
const fs = require('node:fs')
const esbuild = require('esbuild')
const { nodeProgramOptions } = require('./node-program')

const root = path.resolve(__dirname, '..')
const functionsDir = path.join(root, 'cloudfunctions')
const quiet = process.argv.includes('--quiet')
const forDeploy = process.argv.includes('--deploy')
/** The functions' runtime is Nodejs20.19 (tools/deploy/functions-plan.ts): build for the same Node. */
const functionsTarget = 'node20'

async function buildFunctions() {
  const names = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(functionsDir, entry.name, 'main.ts')))
    .map((entry) => entry.name)
  for (const name of names) {
    const outfile = path.join(functionsDir, name, 'index.js')
    await esbuild.build({
      entryPoints: [path.join(functionsDir, name, 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: functionsTarget,
      format: 'cjs',
      external: ['@cloudbase/node-sdk', 'wx-server-sdk'],
      sourcemap: forDeploy ? false : 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    })
    // A map left by an earlier local build would describe other code.
    if (forDeploy) fs.rmSync(`${outfile}.map`, { force: true })
    if (!quiet) console.log(`built cloudfunctions/${name}/index.js (${fs.statSync(outfile).size} bytes)`)
  }
  return names
}

/** The emulator (`npm start`), the district-scale loader (`npm run seed:load`) and `npm run grid:import`. */
const emulatorPrograms = [
  ['cli.ts', 'emulator.js'],
  ['seed-load.ts', 'seed-load.js'],
  ['grid-import.ts', 'grid-import.js'],
]

async function buildEmulator() {
  await Promise.all(emulatorPrograms.map(([entry, output]) => buildEmulatorProgram(entry, output)))
}

async function buildEmulatorProgram(entry, output) {
  const outfile = path.join(root, '.build', output)
  await esbuild.build({
    ...nodeProgramOptions,
    entryPoints: [path.join(root, 'emulator', entry)],
    outfile,
    sourcemap: 'linked',
  })
  if (!quiet) console.log(`built .build/${output} (${fs.statSync(outfile).size} bytes)`)
}

Promise.all(forDeploy ? [buildFunctions()] : [buildFunctions(), buildEmulator()]).catch((error) => {
  console.error(error)
  process.exit(1)
})
