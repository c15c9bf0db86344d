// npm run bench [-- --only rewards|lifecycle|fcp|engine|jobs|cost|http] [-- --people 100000 --entries 1000000 --runs 5 --keep]
//                [-- --cases 200 --races 20]
// Runs the rewards tallies, the case lifecycle acts, then the H5 FCP (or only the one named by --only). The
// engine benchmark (boards at district scale, minutes long) runs only when named: --only engine [--cases N];
// so do the jobs at city peak (minutes at a cloud-like delay): --only jobs [--events N --sweeps N], and the
// requests per call against their budgets, which fails while a budget is exceeded: --only cost [--report-only],
// HTTP throughput with many clients at once (autocannon): --only http [--connections N --seconds N], and
// the Thursday report's drafts for a whole district: --only weekly [--streets N --communities N --blocks N],
// and the district's indicators over a projected district-scale store: --only desk [--cases N].
// Bundles each bench/*.bench.ts with esbuild (packages stay in node_modules, so @cloudbase/database is the one
// CommonJS copy the emulator drives) and runs it in a fresh node process. Not part of `npm test` or CI.
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const esbuild = require('esbuild')
const { nodeProgramOptions } = require('../config/node-program')

const root = path.resolve(__dirname, '..')
const onlyIndex = process.argv.indexOf('--only')
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : null
const forwarded = process.argv
  .slice(2)
  .filter((_, index, all) => all[index] !== '--only' && all[index - 1] !== '--only')
const namedOnly = ['engine', 'jobs', 'cost', 'http', 'weekly', 'desk']
const benches = ['rewards', 'lifecycle', 'fcp', ...namedOnly].filter((name) =>
  only ? only === name : !namedOnly.includes(name),
)
if (benches.length === 0) {
  console.error(
    `--only takes rewards, lifecycle, fcp, engine, jobs, cost, http, weekly or desk (not ${only})`,
  )
  process.exit(2)
}

/** Bundles and runs bench/<name>.bench.ts; exits on failure. */
async function runBundled(name) {
  const outfile = path.join(root, '.build', 'bench', `${name}.bench.js`)
  await esbuild.build({
    ...nodeProgramOptions,
    entryPoints: [path.join(__dirname, `${name}.bench.ts`)],
    outfile,
    sourcemap: 'inline',
  })
  const args = ['--expose-gc', '--enable-source-maps', outfile, ...forwarded]
  const env = {
    ...process.env,
    BENCH_COMMAND: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  }
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

async function main() {
  for (const name of benches) {
    if (name === 'fcp') {
      // The H5 home page's first contentful paint in headless chromium (needs the H5 build and chromium).
      console.log('\n$ node bench/fcp.js')
      const fcp = spawnSync(process.execPath, [path.join(__dirname, 'fcp.js')], {
        cwd: root,
        stdio: 'inherit',
        env: process.env,
      })
      if (fcp.status !== 0) process.exit(fcp.status ?? 1)
    } else {
      await runBundled(name)
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
