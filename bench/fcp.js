#!/usr/bin/env node
// First contentful paint of the H5 home page in headless Chromium, served by the local emulator.
//
//   node bench/fcp.js [--runs 11] [--route pages/home/index] [--json]
//
// Builds what is missing (the H5 app, the emulator), starts the emulator on a free port with a throw-away data
// folder, then loads the page in a fresh browser context per run (cold cache, no session: what a first visitor
// sees) and reads performance.getEntriesByName('first-contentful-paint'). Prints the median, the spread and what
// the page downloaded. Chromium: /usr/bin/chromium (Debian) or CHROMIUM_PATH. No network beyond 127.0.0.1.
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const { chromiumArgs, chromiumExecutable } = require('../config/chromium')

const root = path.resolve(__dirname, '..')

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback
}
const runs = Math.max(1, Number(option('runs', '11')))
const route = option('route', 'pages/home/index')
const asJson = process.argv.includes('--json')
const log = (line) => {
  if (!asJson) console.log(line)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the emulator exited (code ${child.exitCode}) before serving`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the emulator did not answer at ${url} within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function main() {
  const { buildCloud, ensureTaroBuild } = require(path.join(root, 'config', 'ensure-builds.js'))
  const quiet = (line) => process.stderr.write(`${line}\n`)
  ensureTaroBuild('h5', quiet)
  buildCloud(quiet)

  const executablePath = chromiumExecutable()

  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-fcp-'))
  const emulator = spawn(process.execPath, [path.join(root, '.build', 'emulator.js')], {
    cwd: root,
    env: {
      ...process.env,
      BLUEGRID_PORT: String(port),
      BLUEGRID_HOST: '127.0.0.1',
      BLUEGRID_DATA_DIR: dataDir,
      BLUEGRID_TIMERS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  let browser
  try {
    await waitForHttp(`${base}/`, emulator)
    const { chromium } = require('playwright-core')
    browser = await chromium.launch({ executablePath, args: chromiumArgs })
    const samples = []
    // One warm-up load (chromium's own first-start work), not counted.
    for (let run = 0; run <= runs; run += 1) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
      })
      const page = await context.newPage()
      await page.goto(`${base}/?fcp=${run}#/${route}`, { waitUntil: 'load' })
      const sample = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const read = () => {
              const paint = performance.getEntriesByName('first-contentful-paint')[0]
              if (!paint) return false
              const resources = performance.getEntriesByType('resource')
              const navigation = performance.getEntriesByType('navigation')[0]
              const bytes = (pattern) =>
                resources
                  .filter((entry) => pattern.test(entry.name))
                  .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)
              resolve({
                fcp: paint.startTime,
                domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : null,
                load: navigation ? navigation.loadEventEnd : null,
                jsBytes: bytes(/\.js(\?|$)/),
                cssBytes: bytes(/\.css(\?|$)/),
              })
              return true
            }
            if (read()) return
            new PerformanceObserver(() => read()).observe({ type: 'paint', buffered: true })
          }),
      )
      await context.close()
      if (run > 0) samples.push(sample)
    }
    const fcps = samples.map((sample) => sample.fcp)
    const result = {
      page: `#/${route}`,
      runs,
      fcpMedianMs: Math.round(median(fcps)),
      fcpMinMs: Math.round(Math.min(...fcps)),
      fcpMaxMs: Math.round(Math.max(...fcps)),
      domContentLoadedMedianMs: Math.round(median(samples.map((sample) => sample.domContentLoaded ?? 0))),
      jsKB: Math.round(samples[0].jsBytes / 102.4) / 10,
      cssKB: Math.round(samples[0].cssBytes / 102.4) / 10,
      browser: browser.version(),
    }
    if (asJson) console.log(JSON.stringify(result))
    else {
      log(
        `H5 first contentful paint, ${result.page} (headless Chromium ${result.browser}, cold cache, emulator on 127.0.0.1):`,
      )
      log(
        `  FCP median ${result.fcpMedianMs} ms over ${runs} runs (min ${result.fcpMinMs}, max ${result.fcpMaxMs}); DOMContentLoaded median ${result.domContentLoadedMedianMs} ms`,
      )
      log(`  downloaded on first load: ${result.jsKB} KB JS, ${result.cssKB} KB CSS`)
    }
  } finally {
    await browser?.close()
    emulator.kill('SIGTERM')
    await new Promise((resolve) => (emulator.exitCode !== null ? resolve() : emulator.once('exit', resolve)))
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(`bench/fcp: ${error.message}`)
  process.exit(1)
})
