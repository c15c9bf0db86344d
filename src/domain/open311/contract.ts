import { z } from '../shared/zod'
import { pageInput, pageOf } from '../shared/contract-kit'
import { keyIdPattern } from './keys'

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

const keyIdSchema = z
  .string({ error: '请提供密钥编号' })
  .regex(keyIdPattern, { error: '密钥编号为12位十六进制字符' })

/** The Open311 context's actions: the district office's api keys for civic apps that post through Open311. */
export const open311Actions = {
  /** Registers a civic app's api key; the answer carries the key, this once. */
  'open311.key.register': {
    input: z.object({
      name: z
        .string({ error: '请填写接入方名称' })
        .trim()
        .min(1, { error: '请填写接入方名称' })
        .max(40, { error: '接入方名称不能超过40字' }),
      contact: z.string().trim().max(80, { error: '联系方式不能超过80字' }).default(''),
    }),
    output: z.object({ key: open311KeyViewSchema, apiKey: z.string() }),
  },
  /** The district's api keys, newest first, revoked ones too. */
  'open311.key.list': {
    input: z.object({ ...pageInput }),
    output: pageOf(open311KeyViewSchema),
  },
  /** Revokes an api key: its posts are refused from now on; the cases it posted stay. */
  'open311.key.revoke': {
    input: z.object({ keyId: keyIdSchema }),
    output: z.object({ key: open311KeyViewSchema }),
  },
}
