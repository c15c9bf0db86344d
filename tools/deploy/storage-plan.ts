import fs from 'node:fs'
import path from 'node:path'
import type { StorageRule } from './manager'
import type { PlannedCall } from './plan'

/**
 * The storage rule file. The mini-program uploads photos itself, into `uploads/` only, and reads back only
 * files it uploaded (its own originals); nobody else's, and not the copies without metadata that
 * registration stores under `photos/` (the functions own those, and are exempt from the rule). Cases show
 * photos through temporary URLs the functions hand out, which the rule does not bind.
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
  'the mini-program uploads photos from the client (Taro.cloud.uploadFile to uploads/<openid>/...) and ' +
    'reads only its own uploads; the api function registers each upload (photo.register), stores a copy ' +
    'without metadata under photos/ and hands out temporary URLs of those copies: no client reads them by fileID',
]
