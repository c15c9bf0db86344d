import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { open311Inputs } from './inputs'

export * from './inputs'

/** An api key as the office's list shows it: never the key, which is answered once. */
export const open311KeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string(),
  /** Who registered it: the cases it posts are attributed to them. */
  registeredBy: z.string(),
  registeredAt: z.string(),
  revokedAt: z.string().nullable(),
})
export type Open311KeyView = z.infer<typeof open311KeyViewSchema>

/** The Open311 context's actions: the district office's api keys for civic apps that post through Open311. */
export const open311Actions = {
  /** Registers a civic app's api key; the answer carries the key, this once. */
  'open311.key.register': {
    input: open311Inputs['open311.key.register'],
    output: z.object({ key: open311KeyViewSchema, apiKey: z.string() }),
  },
  /** The district's api keys, newest first, revoked ones too. */
  'open311.key.list': { input: open311Inputs['open311.key.list'], output: pageOf(open311KeyViewSchema) },
  /** Revokes an api key: its posts are refused from now on; the cases it posted stay. */
  'open311.key.revoke': {
    input: open311Inputs['open311.key.revoke'],
    output: z.object({ key: open311KeyViewSchema }),
  },
} as const
