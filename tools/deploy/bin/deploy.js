#!/usr/bin/env node
// `npm run deploy[:db|:functions|:storage] [-- --dry-run]`: bundles the deploy tool (TypeScript, it reads the
// composed declaration from cloudfunctions/shared/app.ts) to .build/deploy/cli.js and runs it.
const path = require('node:path')
const esbuild = require('esbuild')

const root = path.resolve(__dirname, '..', '..', '..')
const { nodeProgramOptions } = require(path.join(root, 'config', 'node-program.js'))
const outfile = path.join(root, '.build', 'deploy', 'cli.js')
esbuild.buildSync({
  ...nodeProgramOptions,
  entryPoints: [path.join(root, 'tools', 'deploy', 'cli.ts')],
  outfile,
})
require(outfile).main(root)
