import { z } from './zod'
import { caseCardSchema, caseChannelSchema } from './case'
import { caseStatusSchema } from './case-status'
import { escalationReasonCodes, handlingMeasureCodes, rejectReasonCodes } from './policy'
import { gcj02PointSchema } from './geo'
import { gridLevelSchema } from './grid'
import { roleSchema, districtUnitSchema } from './roles'
import { awardStatuses, periodKinds, pointsReasons, rankLists, rankScopes } from './points'

/**
 * The one contract between client and cloud functions: action name → input schema → output schema.
 * The api function parses every payload with these; the client validates forms with the same schemas.
 */

export const fileIdSchema = z
  .string()
  .regex(/^cloud:\/\/[\w.-]+\/.+/, { error: '照片地址无效，请重新上传' })
  .max(512)

const pageInput = {
  page: z.number().int().min(1).max(10000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
}

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

export const gridRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: gridLevelSchema,
  /** Names from the street down, e.g. "航海东路街道 / 映月路社区 / 映月路社区第1网格". */
  label: z.string(),
})

export const caseViewSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  checkId: z.string(),
  checkName: z.string(),
  description: z.string(),
  photos: z.array(z.string()),
  /** Exact for the reporter and staff; rounded to about 100 m in public summaries. GCJ-02. */
  location: gcj02PointSchema,
  address: z.string(),
  anonymous: z.boolean(),
  channel: caseChannelSchema,
  grid: gridRefSchema,
  claimedBy: z.object({ nickname: z.string(), at: z.string() }).nullable(),
  /** Present only for the reporter's own view and for staff on non-anonymous cases. */
  reporter: z.object({ nickname: z.string() }).nullable(),
  isMine: z.boolean(),
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
  at: z.string(),
})
export type EventView = z.infer<typeof eventViewSchema>

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })

export const boardFilterSchema = z.enum(['all', 'unclaimed', 'mine', 'overdue', 'escalated'])

export const meViewSchema = z.object({
  nickname: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grids: z.array(gridRefSchema),
  points: z.number().int(),
})

const caseIdSchema = z.string({ error: '缺少问题编号' }).min(1, { error: '缺少问题编号' }).max(64)
const noteSchema = (max: number, requiredMessage?: string) =>
  requiredMessage
    ? z
        .string({ error: requiredMessage })
        .trim()
        .min(1, { error: requiredMessage })
        .max(max, { error: `不能超过${max}字` })
    : z
        .string()
        .trim()
        .max(max, { error: `不能超过${max}字` })
        .default('')
const photosSchema = (min: number, minMessage: string) =>
  z.array(fileIdSchema).min(min, { error: minMessage }).max(9, { error: '最多上传9张照片' })
const caseResult = z.object({ case: caseViewSchema })

export const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
})

export const trailVerdictSchema = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
})

// ---- rewards: points, rankings, patrol check-ins, awards ----

const periodKindSchema = z.enum(periodKinds, { error: '请选择月度、季度或年度' })
const rankListSchema = z.enum(rankLists, { error: '请选择榜单' })
const periodKeySchema = z
  .string({ error: '请选择评选周期' })
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { error: '周期格式不正确，例如 2026-11、2026-Q4 或 2026' })

export const ledgerItemSchema = z.object({
  id: z.string(),
  points: z.number().int(),
  reason: z.enum(pointsReasons),
  reasonLabel: z.string(),
  /** Why, in plain Chinese (which case, capped, reversed…). */
  note: z.string(),
  caseId: z.string().nullable(),
  patrolId: z.string().nullable(),
  at: z.string(),
  ruleVersion: z.number().int(),
  capped: z.boolean(),
})
export type LedgerItem = z.infer<typeof ledgerItemSchema>

export const rankRowSchema = z.object({
  rank: z.number().int(),
  nickname: z.string(),
  points: z.number().int(),
  acceptedReports: z.number().int(),
  isMe: z.boolean(),
})
export type RankRow = z.infer<typeof rankRowSchema>

/** Where the caller stands in this month's ranking of their list, and how far the award line is. */
export const rankingProgressSchema = z.object({
  kind: periodKindSchema,
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  /** How many people the award names (the top N). */
  winners: z.number().int(),
  points: z.number().int(),
  acceptedReports: z.number().int(),
  rank: z.number().int().nullable(),
  /** People ranked in the list this period. */
  total: z.number().int(),
  /** Points still needed to pass the last award place; 0 when within it; null when the list is empty. */
  gap: z.number().int().nullable(),
})

export const awardWinnerSchema = z.object({
  rank: z.number().int(),
  nickname: z.string(),
  points: z.number().int(),
  acceptedReports: z.number().int(),
  /** Only the district office sees it (to exclude someone when reviewing); '' for everyone else. */
  openid: z.string(),
})

export const awardViewSchema = z.object({
  id: z.string(),
  kind: periodKindSchema,
  title: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  periodEnded: z.boolean(),
  list: rankListSchema,
  listLabel: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  status: z.enum(awardStatuses),
  /** 已发布, 草稿·待审核发布, or 草稿·周期未结束. */
  statusLabel: z.string(),
  winners: z.array(awardWinnerSchema),
  excludedCount: z.number().int(),
  note: z.string(),
  draftedAt: z.string(),
  draftedBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
})
export type AwardView = z.infer<typeof awardViewSchema>

const requestIdSchema = z
  .string()
  .min(8, { error: '请求编号无效' })
  .max(64, { error: '请求编号无效' })
  .regex(/^[\w-]+$/, { error: '请求编号无效' })

export const actions = {
  'me.get': { input: z.object({}).default({}), output: meViewSchema },
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
  'case.merge': { input: z.object({ caseId: caseIdSchema, intoCaseId: caseIdSchema }), output: caseResult },
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
      items: z.array(caseViewSchema.extend({ distanceMeters: z.number().int() })),
    }),
  },
  'case.join': { input: z.object({ caseId: caseIdSchema }), output: caseResult },
  'case.verifyTrail': { input: z.object({ caseId: caseIdSchema }), output: trailVerdictSchema },
  'notification.list': { input: z.object(pageInput), output: pageOf(notificationViewSchema) },
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
  'points.mine': {
    input: z.object(pageInput),
    output: z.object({
      balance: z.number().int(),
      list: rankListSchema.nullable(),
      listLabel: z.string(),
      month: rankingProgressSchema,
      /** The rule table in force, in plain Chinese. */
      rules: z.array(z.string()),
      ledger: pageOf(ledgerItemSchema),
    }),
  },
  'points.ledger': {
    input: z.object({
      openid: z.string({ error: '请指定要查看的人' }).min(1, { error: '请指定要查看的人' }).max(128),
      ...pageInput,
    }),
    output: z.object({ nickname: z.string(), balance: z.number().int(), ledger: pageOf(ledgerItemSchema) }),
  },
  'points.leaderboard': {
    input: z.object({
      kind: periodKindSchema.default('month'),
      /** Defaults to the current period of `kind`. */
      period: periodKeySchema.optional(),
      /** Defaults to the caller's own list (the public list for people in none). */
      list: rankListSchema.optional(),
      scope: z.enum(rankScopes, { error: '请选择排名范围' }).default('all'),
      /** District or street grid id; defaults to the caller's own. */
      scopeId: z.string().min(1).max(64).optional(),
      limit: z.number().int().min(1).max(100).default(50),
    }),
    output: z.object({
      kind: periodKindSchema,
      period: z.string(),
      periodLabel: z.string(),
      ended: z.boolean(),
      list: rankListSchema,
      listLabel: z.string(),
      scope: z.enum(rankScopes),
      scopeId: z.string().nullable(),
      scopeName: z.string(),
      title: z.string(),
      winners: z.number().int(),
      /** People ranked in this period, list and scope. */
      ranked: z.number().int(),
      items: z.array(rankRowSchema),
      /** The caller's place even when outside the top list; null when they have no points in it. */
      me: z
        .object({ rank: z.number().int(), points: z.number().int(), acceptedReports: z.number().int() })
        .nullable(),
    }),
  },
  'patrol.checkIn': {
    input: z.object({
      requestId: requestIdSchema,
      location: gcj02PointSchema,
      accuracyMeters: z.number().min(0).max(100000).nullable().default(null),
      photos: z
        .array(fileIdSchema, { error: '请拍摄巡查照片' })
        .min(1, { error: '请至少拍摄一张巡查照片' })
        .max(9, { error: '最多上传9张照片' }),
      note: z.string().trim().max(200, { error: '巡查记录不能超过200字' }).default(''),
    }),
    output: z.object({
      patrol: z.object({
        id: z.string(),
        at: z.string(),
        grid: gridRefSchema,
        note: z.string(),
        photos: z.array(z.string()),
      }),
      points: z.number().int(),
      pointsNote: z.string(),
      replayed: z.boolean(),
    }),
  },
  'award.draft': {
    input: z.object({
      kind: periodKindSchema,
      period: periodKeySchema,
      list: rankListSchema.default('public'),
      /** People the office leaves out after review (e.g. suspected of gaming); the next in line move up. */
      exclude: z.array(z.string().min(1).max(128)).max(20, { error: '一次最多排除20人' }).default([]),
      note: z.string().trim().max(200, { error: '审核意见不能超过200字' }).default(''),
    }),
    output: z.object({ award: awardViewSchema }),
  },
  'award.publish': {
    input: z.object({
      awardId: z.string({ error: '缺少评选编号' }).min(1, { error: '缺少评选编号' }).max(200),
    }),
    output: z.object({ award: awardViewSchema }),
  },
  'award.list': {
    input: z.object({
      status: z.enum(['published', 'draft', 'all'], { error: '状态无效' }).default('published'),
      kind: periodKindSchema.optional(),
      ...pageInput,
    }),
    output: pageOf(awardViewSchema),
  },
} as const

export type ActionName = keyof typeof actions
export const actionNames = Object.keys(actions) as ActionName[]
export type ActionInput<A extends ActionName> = z.input<(typeof actions)[A]['input']>
export type ActionParsedInput<A extends ActionName> = z.output<(typeof actions)[A]['input']>
export type ActionOutput<A extends ActionName> = z.output<(typeof actions)[A]['output']>

export const actionNameSchema = z.enum(actionNames as [ActionName, ...ActionName[]])

/** What the api function receives: `{ action, payload }`; identity is never part of it. */
export const apiRequestSchema = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
})

/** Turns zod issues into Chinese messages keyed by field path, for forms and for the API's answer. */
export function describeIssues(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_'
    if (fields[path]) continue
    fields[path] = /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : genericIssueMessage(issue)
  }
  return fields
}

function genericIssueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '此项为必填项' : '格式不正确'
    case 'too_small':
      return '内容太短或数值太小'
    case 'too_big':
      return '内容太长或数值太大'
    case 'invalid_value':
      return '选项无效'
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`
    default:
      return '格式不正确'
  }
}
