// Measures the production weapp build in dist/: the main package (everything outside the subpackage roots
// declared in app.json), each subpackage, and every image asset; exits non-zero when a budget is exceeded.
// Usage: node config/size-budget.js [distDir]
const fs = require('node:fs')
const path = require('node:path')

const budgets = { mainBytes: 800 * 1024, subpackageBytes: 1024 * 1024, imageBytes: 50 * 1024 }
// The aim for the main package: reported, not enforced (the budget above is what fails CI).
const mainAimBytes = 600 * 1024
const dist = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist'))

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

if (!fs.existsSync(path.join(dist, 'app.json'))) {
  console.error(`No weapp build at ${dist}: run npm run build:weapp first.`)
  process.exit(1)
}
const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const subRoots = (appJson.subPackages || appJson.subpackages || []).map((sub) => sub.root.replace(/\/$/, ''))
const sizes = { main: 0 }
for (const root of subRoots) sizes[root] = 0
const problems = []
for (const file of filesUnder(dist)) {
  const relative = path.relative(dist, file).split(path.sep).join('/')
  if (relative.endsWith('.map') || relative.endsWith('.LICENSE.txt')) continue
  const bytes = fs.statSync(file).size
  const owner = subRoots.find((root) => relative.startsWith(root + '/')) || 'main'
  sizes[owner] += bytes
  if (/\.(png|jpe?g|gif|webp|svg)$/i.test(relative) && bytes > budgets.imageBytes) {
    problems.push(`image ${relative} is ${bytes} bytes (budget ${budgets.imageBytes})`)
  }
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const aim = sizes.main <= mainAimBytes ? 'met' : `missed by ${kb(sizes.main - mainAimBytes)}`
console.log(
  `weapp main package: ${sizes.main} bytes (${kb(sizes.main)}; budget ${kb(budgets.mainBytes)}; aim ${kb(mainAimBytes)} ${aim})`,
)
if (sizes.main > budgets.mainBytes)
  problems.push(`main package is ${kb(sizes.main)} (budget ${kb(budgets.mainBytes)})`)
for (const root of subRoots) {
  console.log(
    `weapp subpackage ${root}: ${sizes[root]} bytes (${kb(sizes[root])}; budget ${kb(budgets.subpackageBytes)})`,
  )
  if (sizes[root] > budgets.subpackageBytes) problems.push(`subpackage ${root} is ${kb(sizes[root])}`)
}
if (problems.length > 0) {
  console.error('Size budget exceeded:\n  ' + problems.join('\n  '))
  process.exit(1)
}
console.log('size budgets: ok')
