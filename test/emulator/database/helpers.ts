import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createEmulatorDb, type DatabaseEngine, type EmulatorDb } from '../../../emulator/database'

/** A fresh temp directory per call; removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-db-'))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** The collections the engine's tests write to; a collection exists only once created. */
export const testCollections = [
  'accounts',
  'after',
  'c',
  'events',
  'grids',
  'many',
  'mix',
  'reports',
  'tags',
  'tasks',
  'types',
  'users',
]

/** Creates the collections the tests use, as a bootstrap would. */
export function createCollections(engine: DatabaseEngine, names: string[] = testCollections): void {
  for (const name of names) engine.createCollection(name)
}

/**
 * An in-memory emulator Db with the test collections, closed after each test by the caller. These tests
 * exercise the query language on ad hoc collections, so queries need no declared index here; the product's
 * worlds keep the rule on.
 */
export function memoryDb(now?: () => number): EmulatorDb {
  const emu = createEmulatorDb({ file: ':memory:', env: 'bluegrid-test', now, requireIndexes: false })
  createCollections(emu.engine)
  return emu
}

/** Awaits a promise expected to reject and returns the rejection for assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return error as { code?: string; message: string }
  }
  throw new Error('expected the call to fail, but it succeeded')
}
