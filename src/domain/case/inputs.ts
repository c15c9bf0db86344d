import { z } from '../shared/zod'
import { fileIdSchema, noteSchema, pageInput, photosSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { caseChannelSchema } from './record'
import { escalationReasonCodes, handlingMeasureCodes, rejectReasonCodes } from './policy'

/**
 * The input schemas of the case context's actions: what the client validates before sending (and ships).
 * Their answers' schemas are in ./contract, which only the server and the tests load.
 */

export const submitCaseInputSchema = z.object({
  requestId: z
    .string()
    .min(8, { error: '请求编号无效' })
    .max(64, { error: '请求编号无效' })
    .regex(/^[\w-]+$/, { error: '请求编号无效' }),
  categoryId: z.string({ error: '请选择问题类别' }).min(1, { error: '请选择问题类别' }),
  checkId: z.string({ error: '请选择具体问题' }).min(1, { error: '请选择具体问题' }),
  description: z.string().trim().max(500, { error: '问题描述不能超过500字' }).default(''),
  photos: z
    .array(fileIdSchema)
    .min(1, { error: '请至少拍摄或选择一张照片' })
    .max(9, { error: '最多上传9张照片' }),
  location: gcj02PointSchema,
  accuracyMeters: z.number().min(0).max(100000).nullable().default(null),
  address: z.string().trim().max(120, { error: '地址不能超过120字' }).default(''),
  anonymous: z.boolean().default(false),
  channel: caseChannelSchema.default('resident'),
  /** 重大/突发: the reporter (or a category rule) marks an event the district must hear of at once. */
  major: z.boolean().default(false),
})
export type SubmitCaseInput = z.input<typeof submitCaseInputSchema>

export const boardFilterSchema = z.enum(['all', 'unclaimed', 'mine', 'overdue', 'escalated'])

const caseIdSchema = z.string({ error: '缺少问题编号' }).min(1, { error: '缺少问题编号' }).max(64)

export const caseInputs = {
  'case.submit': submitCaseInputSchema,
  'case.get': z.object({ caseId: z.string().min(1).max(64) }),
  'case.mine': z.object(pageInput),
  'case.claim': z.object({ caseId: z.string().min(1).max(64) }),
  'case.release': z.object({ caseId: caseIdSchema, reason: noteSchema(200, '请写明放弃认领的原因') }),
  'case.rectify': z.object({
    caseId: caseIdSchema,
    measure: z.enum(handlingMeasureCodes, { error: '请选择处置措施' }),
    note: noteSchema(500),
    photos: photosSchema(1, '请上传至少一张整改后的照片'),
  }),
  'case.escalate': z.object({
    caseId: caseIdSchema,
    reason: z.enum(escalationReasonCodes, { error: '请选择上报原因' }),
    note: noteSchema(500),
  }),
  'case.requestCity': z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明报送市级的理由') }),
  'case.signOff': z.object({ caseId: caseIdSchema, note: noteSchema(200) }),
  'case.sendBack': z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明退回后的处置要求') }),
  'case.verify': z.object({
    caseId: caseIdSchema,
    passed: z.boolean({ error: '请选择核查结果' }),
    note: noteSchema(500),
  }),
  'case.confirm': z.object({
    caseId: caseIdSchema,
    rating: z
      .number({ error: '请为处理结果打分' })
      .int()
      .min(1, { error: '评分为1到5分' })
      .max(5, { error: '评分为1到5分' }),
    comment: noteSchema(200),
  }),
  'case.dispute': z.object({ caseId: caseIdSchema, reason: noteSchema(500, '请写明不满意的原因') }),
  'case.reject': z.object({
    caseId: caseIdSchema,
    reason: z.enum(rejectReasonCodes, { error: '请选择不予受理的原因' }),
    note: noteSchema(500),
  }),
  'case.merge': z.object({
    caseId: caseIdSchema,
    intoCaseId: caseIdSchema,
    reason: noteSchema(200, '请写明并案理由'),
  }),
  'case.cityResolve': z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明市级办理结果') }),
  'case.supervise': z.object({
    caseId: caseIdSchema,
    deadlineAt: z.iso.datetime({ error: '请选择督办期限' }),
    note: noteSchema(500, '请写明督办要求'),
  }),
  'case.unsupervise': z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明解除督办的理由') }),
  'case.attachHandlers': z.object({
    caseId: caseIdSchema,
    openids: z.array(z.string().min(1)).min(1, { error: '请选择参与联合执法的人员' }).max(20),
  }),
  'case.handlerCandidates': z.object({ caseId: caseIdSchema }),
  'case.recordPart': z.object({
    caseId: caseIdSchema,
    note: noteSchema(500, '请写明本部门的处置情况'),
    photos: photosSchema(0, ''),
  }),
  'case.correctGrid': z.object({
    caseId: caseIdSchema,
    gridId: z.string().min(1, { error: '请选择网格' }).max(64),
  }),
  'case.nearby': z.object({
    categoryId: z.string().min(1, { error: '请选择问题类别' }),
    location: gcj02PointSchema,
  }),
  /** `location`, where the caller says they are, decides whether the join earns points (see rewards/points). */
  'case.join': z.object({ caseId: caseIdSchema, location: gcj02PointSchema.optional() }),
  'case.approveContent': z.object({ caseId: caseIdSchema }),
  'case.approveEvidence': z.object({
    caseId: caseIdSchema,
    photoId: z.string({ error: '请选择要复核的照片' }).min(1, { error: '请选择要复核的照片' }).max(128),
  }),
  'case.linkSite': z.object({
    caseId: caseIdSchema,
    siteId: z.string({ error: '请选择污染源' }).min(1, { error: '请选择污染源' }).max(64),
  }),
  'case.verifyTrail': z.object({ caseId: caseIdSchema }),
  'trail.checkpoints': z.object({
    day: z.string({ error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 2026-11-23' }),
    page: pageInput.page,
    pageSize: z.number().int().min(1).max(500).default(500),
  }),
  'board.list': z.object({
    gridId: z.string().min(1).max(64).optional(),
    filter: boardFilterSchema.default('all'),
    ...pageInput,
  }),
  'grid.cards': z.object({ gridId: z.string().min(1).max(64).optional() }),
} as const
