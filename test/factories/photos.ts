/**
 * Photos in tests are real: an image uploaded into its taker's own folder and registered through
 * `photo.register`, as the app does. A payload names one with `ownPhoto`: the test world's calls upload and
 * register one as the caller before the call (those requests are not the call's) and send its fileID in
 * its place. A test about other people's or made-up files names those fileIDs itself.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { demoPhotoPng } from '../../emulator/demo/photo'
import { LocalStorage } from '../../emulator/storage'

/** "A photo the caller took", in the `photos` of a payload. */
export const ownPhoto = 'own-photo:taken-by-the-caller'

/** The fileID of a registered photo's stored copy (what cases and check-ins record). */
export const storedCopyPattern = /^cloud:\/\/[\w.-]+\/photos\/[0-9a-f]{32}\.(png|jpg|webp)$/
/** A temporary URL of a stored copy, as answers show photos (the emulator's, relative). */
export const photoUrlPattern =
  /^\/storage\/file\?fileID=cloud%3A%2F%2F[\w.-]+%2Fphotos%2F[0-9a-f]{32}\.\w+&t=\d+&sign=[0-9a-f]{64}$/

/** Local storage in a folder of its own, removed with `dispose`. */
export function testStorage(envId = 'bluegrid-test'): { storage: LocalStorage; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-files-'))
  return {
    storage: new LocalStorage(dir, envId, 10 * 1024 * 1024),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** A small real PNG, a different one for each seed. */
export function testImage(seed = 0): Buffer {
  return demoPhotoPng(8, 6, [(40 + seed * 37) % 256, (90 + seed * 53) % 256, 160])
}
