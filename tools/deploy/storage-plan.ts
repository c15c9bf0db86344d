import fs from 'node:fs'
import path from 'node:path'
import type { StorageRule } from './manager'
import type { PlannedCall } from './plan'

/** The storage rule file: only functions (exempt from rules) write and read files. */
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
  'the mini-program uploads report photos from the client (Taro.cloud.uploadFile to reports/...): ' +
    'this rule refuses those uploads until a per-path rule lets a signed-in user write there',
]
