#!/usr/bin/env node
// `npm run seed:load -- --cases 100000 [--data-dir DIR] [--seed N] [--now ISO] [--force]`: runs the loader
// (emulator/seed-load.ts) on fresh bundles.
require('../../config/ensure-builds.js').runBundled('seed-load')
