import type { open311Actions } from '../../../src/domain/open311/contract'
import type { HandlerMap } from '../api/handler'
import { open311Schema } from './collections'
import { listKeys, registerKey, revokeKey } from './handlers'

const handlers: HandlerMap<keyof typeof open311Actions> = {
  'open311.key.register': registerKey,
  'open311.key.list': listKeys,
  'open311.key.revoke': revokeKey,
}

/**
 * Open311 GeoReport v2: civic apps read BlueGrid's public cases and post new ones through the `open311`
 * function (handleOpen311Event in http.ts); the district office manages their api keys through the api.
 */
export const open311Context = { name: 'open311', handlers, jobs: [], ...open311Schema }
