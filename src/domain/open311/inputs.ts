import { z } from '../shared/zod'
import { pageInput } from '../shared/contract-kit'
import { keyIdPattern } from './keys'

/** The input schemas of the Open311 context's actions (the client's; the answers are in ./contract). */

const keyIdSchema = z
  .string({ error: '请提供密钥编号' })
  .regex(keyIdPattern, { error: '密钥编号为12位十六进制字符' })

export const open311Inputs = {
  'open311.key.register': z.object({
    name: z
      .string({ error: '请填写接入方名称' })
      .trim()
      .min(1, { error: '请填写接入方名称' })
      .max(40, { error: '接入方名称不能超过40字' }),
    contact: z.string().trim().max(80, { error: '联系方式不能超过80字' }).default(''),
  }),
  'open311.key.list': z.object({ ...pageInput }),
  'open311.key.revoke': z.object({ keyId: keyIdSchema }),
} as const
