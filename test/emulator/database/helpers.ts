import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createEmulatorDb, type EmulatorDb } from '../../../emulator/database'

/** A fresh temp directory per call; removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-db-'))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** An in-memory emulator Db, closed after each test by the caller. */
export function memoryDb(now?: () => number): EmulatorDb {
  return createEmulatorDb({ file: ':memory:', env: 'bluegrid-test', now })
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
