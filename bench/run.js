// npm run bench [-- --people 100000 --entries 1000000 --runs 5 --keep]: the rewards tallies, then the H5 FCP.
// Bundles bench/rewards.bench.ts with esbuild (packages stay in node_modules, so @cloudbase/database is the one
// CommonJS copy the emulator drives) and runs it in a fresh node process. Not part of `npm test` or CI.
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const esbuild = require('esbuild')

const root = path.resolve(__dirname, '..')
const outfile = path.join(root, '.build', 'bench', 'rewards.bench.js')

esbuild
  .build({
    entryPoints: [path.join(__dirname, 'rewards.bench.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  })
  .then(() => {
    const args = ['--expose-gc', '--enable-source-maps', outfile, ...process.argv.slice(2)]
    const rewards = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env })
    if (rewards.status !== 0) process.exit(rewards.status ?? 1)
    // The H5 home page's first contentful paint in headless chromium (needs the H5 build and chromium).
    console.log('\n$ node bench/fcp.js')
    const fcp = spawnSync(process.execPath, [path.join(__dirname, 'fcp.js')], { cwd: root, stdio: 'inherit', env: process.env })
    process.exit(fcp.status ?? 1)
  })
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
