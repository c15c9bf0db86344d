import fs from 'node:fs'
import path from 'node:path'
import type { StorageRule } from './manager'
import type { PlannedCall } from './plan'

/**
 * The storage rule file. The mini-program uploads report photos itself, so a signed-in user may write files
 * they own; any signed-in user may read them, as the pages show photos by fileID. Functions are exempt.
 */
export const storageRulesFile = path.join('tools', 'deploy', 'storage-rules.json')

export function planStorage(root: string): PlannedCall[] {
  const rule = JSON.parse(fs.readFileSync(path.join(root, storageRulesFile), 'utf8')) as StorageRule
  return [
    {
      service: 'storage',
      method: 'setStorageAcl',
      args: ['CUSTOM', rule],
      purpose: `storage rule from ${storageRulesFile} (applies in 1-3 minutes)`,
    },
  ]
}

/** What the operator must know about the rule: the mini-program uploads photos itself. */
export const storageNotes = [
  'the mini-program uploads report photos from the client (Taro.cloud.uploadFile to reports/...) and shows ' +
    'them by fileID: reads stay open to signed-in users until photos are served through temporary URLs',
]
