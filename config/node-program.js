// esbuild options shared by the repository's Node programs (the emulator, the deploy tool, the benchmarks):
// one CommonJS file for Node 20, packages left in node_modules so that @cloudbase/database stays one copy.
module.exports.nodeProgramOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
}
