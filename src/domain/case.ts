import { z } from './zod'
import { caseStatusSchema } from './case-status'
import { gcj02PointSchema } from './geo'
import { roleSchema } from './roles'

export const caseChannels = ['resident', 'patrol', 'hotline', 'sensor'] as const
export const caseChannelSchema = z.enum(caseChannels)
export type CaseChannel = z.infer<typeof caseChannelSchema>
export const caseChannelLabels: Record<CaseChannel, string> = {
  resident: '市民随手拍',
  patrol: '网格巡查',
  hotline: '12369热线',
  sensor: '在线监测',
}

export const claimSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  at: z.string(),
})

/** The stored case document (collection `case`). Times are ISO-8601 UTC; `location` is GCJ-02. */
export const caseRecordSchema = z.object({
  _id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  categoryId: z.string(),
  checkId: z.string(),
  description: z.string(),
  photos: z.array(z.string()),
  location: gcj02PointSchema,
  accuracyMeters: z.number().nullable(),
  address: z.string(),
  anonymous: z.boolean(),
  channel: caseChannelSchema,
  reporterId: z.string(),
  gridId: z.string(),
  /** The grid and all its ancestors, so that an upper level's board finds cases below it by one index. */
  gridPath: z.array(z.string()),
  claim: claimSchema.nullable(),
  /** The caller's request id, so that a retried submit finds the first result instead of a second case. */
  requestKey: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set by the jobs sweep when a case waits unclaimed past the limit. */
  unclaimedAlertAt: z.string().nullable(),
})
export type CaseRecord = z.infer<typeof caseRecordSchema>

/** One entry of a case's trail (collection `case_event`), append-only. */
export const caseEventSchema = z.object({
  _id: z.string(),
  caseId: z.string(),
  seq: z.number().int().nonnegative(),
  type: z.string(),
  actorId: z.string(),
  actorRole: z.union([roleSchema, z.literal('system')]),
  gridId: z.string(),
  from: z.union([caseStatusSchema, z.literal('none')]),
  to: caseStatusSchema,
  note: z.string(),
  at: z.string(),
})
export type CaseEvent = z.infer<typeof caseEventSchema>
