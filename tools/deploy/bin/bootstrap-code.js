#!/usr/bin/env node
// `npm run bootstrap-code`: bundles tools/deploy/bootstrap-code.ts (it shares the code format and hash with the
// functions) to .build/deploy/bootstrap-code.js and runs it.
const path = require('node:path')
const esbuild = require('esbuild')

const root = path.resolve(__dirname, '..', '..', '..')
const { nodeProgramOptions } = require(path.join(root, 'config', 'node-program.js'))
const outfile = path.join(root, '.build', 'deploy', 'bootstrap-code.js')
esbuild.buildSync({
  ...nodeProgramOptions,
  entryPoints: [path.join(root, 'tools', 'deploy', 'bootstrap-code.ts')],
  outfile,
})
require(outfile).main(root)
