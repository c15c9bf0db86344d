// Bundles each cloud function (cloudfunctions/<name>/main.ts -> index.js, what CloudBase deploys) and the
// local emulator's programs (.build/emulator.js, .build/seed-load.js). @cloudbase/node-sdk stays external:
// CloudBase installs it from the function's package.json. Usage: node config/build-cloud.js [--quiet]
const path = require('node:path')
const fs = require('node:fs')
const esbuild = require('esbuild')

const root = path.resolve(__dirname, '..')
const functionsDir = path.join(root, 'cloudfunctions')
const quiet = process.argv.includes('--quiet')

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
      target: 'node16',
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    })
    if (!quiet) console.log(`built cloudfunctions/${name}/index.js (${fs.statSync(outfile).size} bytes)`)
  }
  return names
}

/** The emulator (`npm start`) and the district-scale loader (`npm run seed:load`). */
const emulatorPrograms = [
  ['cli.ts', 'emulator.js'],
  ['seed-load.ts', 'seed-load.js'],
]

async function buildEmulator() {
  await Promise.all(emulatorPrograms.map(([entry, output]) => buildEmulatorProgram(entry, output)))
}

async function buildEmulatorProgram(entry, output) {
  const outfile = path.join(root, '.build', output)
  await esbuild.build({
    entryPoints: [path.join(root, 'emulator', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Packages stay in node_modules so that @cloudbase/database is the one CommonJS copy.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  if (!quiet) console.log(`built .build/${output} (${fs.statSync(outfile).size} bytes)`)
}

Promise.all([buildFunctions(), buildEmulator()]).catch((error) => {
  console.error(error)
  process.exit(1)
})
