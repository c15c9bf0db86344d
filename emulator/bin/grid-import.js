#!/usr/bin/env node
// `npm run grid:import -- --file F [--data-dir DIR] [--dry-run]`: runs the importer (emulator/grid-import.ts)
// on fresh bundles.
require('../../config/ensure-builds.js').runBundled('grid-import')
