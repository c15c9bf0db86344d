import { z } from '../shared/zod'
import { fileIdSchema, noteSchema, pageInput, pageOf, photosSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { callerContactSchema, caseCardSchema, caseChannelSchema } from './record'
import { caseStatusSchema } from './status'
import { escalationReasonCodes, handlingMeasureCodes, rejectReasonCodes } from './policy'

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

export const caseViewSchema = z.object({
  /** Where WeChat's content checks of the case stand; only in the full view, on cases since the checks. */
  screening: z
    .object({ state: z.enum(['checking', 'passed', 'review', 'rejected']), label: z.string() })
    .optional(),
  id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  /**
   * `full` for the reporter, followers, staff attached to the case or whose grids cover it, and the district's
   * office and supervisor; `summary` (the public summary) for everyone else. See domain/case/visibility.ts.
   */
  view: z.enum(['full', 'summary']),
  categoryId: z.string(),
  categoryName: z.string(),
  checkId: z.string(),
  checkName: z.string(),
  description: z.string(),
  /** None in the public summary until photos pass a content check. */
  photos: z.array(z.string()),
  /** Exact in the full view; rounded to about 100 m in the public summary. GCJ-02. */
  location: gcj02PointSchema,
  /** The reporter's address line in the full view; the community (or street) in the public summary. */
  address: z.string(),
  anonymous: z.boolean(),
  channel: caseChannelSchema,
  grid: gridRefSchema,
  claimedBy: z.object({ nickname: z.string(), at: z.string() }).nullable(),
  /** Present only for the reporter's own view and for other full views of non-anonymous cases. */
  reporter: z.object({ nickname: z.string() }).nullable(),
  /** A complaint caller's contact, for the handling staff only (absent otherwise). */
  callerContact: callerContactSchema.nullable().optional(),
  isMine: z.boolean(),
  /**
   * The reporter's receipt: the head of the case's sealed trail as it stands (its first 16 hex digits), to
   * keep and compare with a later trail check; null for anyone else.
   */
  receipt: z.string().nullable(),
  /** Who the caller is to this case, decided on the server by account (never by nickname, which repeat). */
  viewer: z.object({ isReporter: z.boolean(), isClaimer: z.boolean(), isJointHandler: z.boolean() }),
  /** The viewer follows this case (joined it instead of reporting it again). */
  isFollowing: z.boolean(),
  followerCount: z.number().int(),
  major: z.boolean(),
  deadlineAt: z.string().nullable(),
  card: caseCardSchema,
  supervised: z.boolean(),
  signOffs: z.array(z.string()),
  jointHandlers: z.array(z.string()),
  disputeCount: z.number().int(),
  rating: z.number().int().nullable(),
  resolution: z
    .object({ code: z.string(), label: z.string(), note: z.string(), mergedInto: z.string().optional() })
    .nullable(),
  waitingSince: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type CaseView = z.infer<typeof caseViewSchema>

export const eventViewSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  label: z.string(),
  actorLabel: z.string(),
  from: z.string(),
  to: caseStatusSchema,
  note: z.string(),
  evidence: z.array(z.string()),
  /**
   * In place of evidence photos the viewer may not see yet (图片审核中), or, to their uploader, one WeChat
   * found risky, with the reason; empty when every photo is shown.
   */
  heldEvidence: z.array(z.object({ state: z.enum(['checking', 'hidden']), label: z.string() })),
  /**
   * To staff only: the evidence photos of this event that wait on a person (WeChat asked for review, could
   * not check, or has not answered), which `case.approveEvidence` lets everyone see. Absent when none.
   */
  awaitingReview: z.array(z.object({ photoId: z.string(), photo: z.string() })).optional(),
  at: z.string(),
})
export type EventView = z.infer<typeof eventViewSchema>

/** A coarse distance: within `withinMeters`, worded for people ("500 米内", "1 公里内"). */
export const distanceBandSchema = z.object({ withinMeters: z.number().int(), label: z.string() })
export type DistanceBand = z.infer<typeof distanceBandSchema>

export const boardFilterSchema = z.enum(['all', 'unclaimed', 'mine', 'overdue', 'escalated'])

const caseIdSchema = z.string({ error: '缺少问题编号' }).min(1, { error: '缺少问题编号' }).max(64)
const caseResult = z.object({ case: caseViewSchema })

export const trailVerdictSchema = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
})

/** The case context's actions: reporting, every act on a case, and the boards that list cases. */
export const caseActions = {
  'case.submit': {
    input: submitCaseInputSchema,
    output: z.object({ case: caseViewSchema, replayed: z.boolean() }),
  },
  'case.get': {
    input: z.object({ caseId: z.string().min(1).max(64) }),
    output: z.object({ case: caseViewSchema, events: z.array(eventViewSchema) }),
  },
  'case.mine': {
    input: z.object(pageInput),
    output: pageOf(caseViewSchema),
  },
  'case.claim': {
    input: z.object({ caseId: z.string().min(1).max(64) }),
    output: z.object({ case: caseViewSchema }),
  },
  'case.release': {
    input: z.object({ caseId: caseIdSchema, reason: noteSchema(200, '请写明放弃认领的原因') }),
    output: caseResult,
  },
  'case.rectify': {
    input: z.object({
      caseId: caseIdSchema,
      measure: z.enum(handlingMeasureCodes, { error: '请选择处置措施' }),
      note: noteSchema(500),
      photos: photosSchema(1, '请上传至少一张整改后的照片'),
    }),
    output: caseResult,
  },
  'case.escalate': {
    input: z.object({
      caseId: caseIdSchema,
      reason: z.enum(escalationReasonCodes, { error: '请选择上报原因' }),
      note: noteSchema(500),
    }),
    output: caseResult,
  },
  'case.requestCity': {
    input: z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明报送市级的理由') }),
    output: caseResult,
  },
  'case.signOff': { input: z.object({ caseId: caseIdSchema, note: noteSchema(200) }), output: caseResult },
  'case.sendBack': {
    input: z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明退回后的处置要求') }),
    output: caseResult,
  },
  'case.verify': {
    input: z.object({
      caseId: caseIdSchema,
      passed: z.boolean({ error: '请选择核查结果' }),
      note: noteSchema(500),
    }),
    output: caseResult,
  },
  'case.confirm': {
    input: z.object({
      caseId: caseIdSchema,
      rating: z
        .number({ error: '请为处理结果打分' })
        .int()
        .min(1, { error: '评分为1到5分' })
        .max(5, { error: '评分为1到5分' }),
      comment: noteSchema(200),
    }),
    output: caseResult,
  },
  'case.dispute': {
    input: z.object({ caseId: caseIdSchema, reason: noteSchema(500, '请写明不满意的原因') }),
    output: caseResult,
  },
  'case.reject': {
    input: z.object({
      caseId: caseIdSchema,
      reason: z.enum(rejectReasonCodes, { error: '请选择不予受理的原因' }),
      note: noteSchema(500),
    }),
    output: caseResult,
  },
  'case.merge': {
    input: z.object({
      caseId: caseIdSchema,
      intoCaseId: caseIdSchema,
      reason: noteSchema(200, '请写明并案理由'),
    }),
    output: caseResult,
  },
  'case.cityResolve': {
    input: z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明市级办理结果') }),
    output: caseResult,
  },
  'case.supervise': {
    input: z.object({
      caseId: caseIdSchema,
      deadlineAt: z.iso.datetime({ error: '请选择督办期限' }),
      note: noteSchema(500, '请写明督办要求'),
    }),
    output: caseResult,
  },
  'case.unsupervise': {
    input: z.object({ caseId: caseIdSchema, note: noteSchema(500, '请写明解除督办的理由') }),
    output: caseResult,
  },
  'case.attachHandlers': {
    input: z.object({
      caseId: caseIdSchema,
      openids: z.array(z.string().min(1)).min(1, { error: '请选择参与联合执法的人员' }).max(20),
    }),
    output: caseResult,
  },
  /** Whom a leader may attach to a claimed case for joint enforcement: staff of its grid, above it, or one level below. */
  'case.handlerCandidates': {
    input: z.object({ caseId: caseIdSchema }),
    output: z.object({
      items: z.array(
        z.object({
          openid: z.string(),
          nickname: z.string(),
          roleLabel: z.string(),
          where: z.string(),
          attached: z.boolean(),
        }),
      ),
    }),
  },
  'case.recordPart': {
    input: z.object({
      caseId: caseIdSchema,
      note: noteSchema(500, '请写明本部门的处置情况'),
      photos: photosSchema(0, ''),
    }),
    output: caseResult,
  },
  'case.correctGrid': {
    input: z.object({ caseId: caseIdSchema, gridId: z.string().min(1, { error: '请选择网格' }).max(64) }),
    output: caseResult,
  },
  'case.nearby': {
    input: z.object({
      categoryId: z.string().min(1, { error: '请选择问题类别' }),
      location: gcj02PointSchema,
    }),
    output: z.object({
      radiusMeters: z.number().int(),
      /**
       * How far each case is, as a band ("200 米内") measured to its rounded place: never an exact distance,
       * so that no number of calls from chosen points pins a case down finer than its public place.
       */
      items: z.array(caseViewSchema.extend({ distance: distanceBandSchema })),
    }),
  },
  /**
   * Following a case instead of reporting it again. `location`, where the caller says they are, decides
   * whether the join earns points: only within the category's radius of the case (see rewards/points).
   */
  'case.join': {
    input: z.object({ caseId: caseIdSchema, location: gcj02PointSchema.optional() }),
    output: caseResult,
  },
  /** Staff let a case held for review (by WeChat's verdict, or for want of one) go public. */
  'case.approveContent': { input: z.object({ caseId: caseIdSchema }), output: caseResult },
  /**
   * Staff let one evidence photo of the trail (an after-photo, a part's photo) that WeChat held for review,
   * could not check or never answered for be shown to everyone who sees the trail.
   */
  'case.approveEvidence': {
    input: z.object({
      caseId: caseIdSchema,
      photoId: z.string({ error: '请选择要复核的照片' }).min(1, { error: '请选择要复核的照片' }).max(128),
    }),
    output: caseResult,
  },
  /** Files a case under a registered site (一企一档); the site's history lists it from then on. */
  'case.linkSite': {
    input: z.object({
      caseId: caseIdSchema,
      siteId: z.string({ error: '请选择污染源' }).min(1, { error: '请选择污染源' }).max(64),
    }),
    output: caseResult,
  },
  'case.verifyTrail': { input: z.object({ caseId: caseIdSchema }), output: trailVerdictSchema },
  /** A day's signed trail checkpoints, page by page, for a district office to keep outside the database. */
  'trail.checkpoints': {
    input: z.object({
      day: z
        .string({ error: '请选择日期' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 2026-11-23' }),
      page: pageInput.page,
      pageSize: z.number().int().min(1).max(500).default(500),
    }),
    output: pageOf(
      z.object({
        caseId: z.string(),
        seq: z.number().int(),
        hash: z.string(),
        day: z.string(),
        signature: z.string(),
        signedAt: z.string(),
      }),
    ).extend({ day: z.string() }),
  },
  'board.list': {
    input: z.object({
      gridId: z.string().min(1).max(64).optional(),
      filter: boardFilterSchema.default('all'),
      ...pageInput,
    }),
    output: pageOf(caseViewSchema).extend({ grid: gridRefSchema, grids: z.array(gridRefSchema) }),
  },
  'grid.cards': {
    input: z.object({ gridId: z.string().min(1).max(64).optional() }),
    output: z.object({
      grid: gridRefSchema,
      yellow: z.number().int(),
      red: z.number().int(),
      openOverdue: z.number().int(),
    }),
  },
} as const
