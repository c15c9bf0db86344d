import { z } from './zod'
import { caseChannelSchema } from './case'
import { caseStatusSchema } from './case-status'
import { gcj02PointSchema } from './geo'
import { gridLevelSchema } from './grid'
import { roleSchema, districtUnitSchema } from './roles'

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
  description: z
    .string()
    .trim()
    .max(500, { error: '问题描述不能超过500字' })
    .default(''),
  photos: z
    .array(fileIdSchema)
    .min(1, { error: '请至少拍摄或选择一张照片' })
    .max(9, { error: '最多上传9张照片' }),
  location: gcj02PointSchema,
  accuracyMeters: z.number().min(0).max(100000).nullable().default(null),
  address: z.string().trim().max(120, { error: '地址不能超过120字' }).default(''),
  anonymous: z.boolean().default(false),
  channel: caseChannelSchema.default('resident'),
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
  at: z.string(),
})
export type EventView = z.infer<typeof eventViewSchema>

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })

export const boardFilterSchema = z.enum(['all', 'unclaimed', 'mine'])

export const meViewSchema = z.object({
  nickname: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grids: z.array(gridRefSchema),
  points: z.number().int(),
})

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
  'board.list': {
    input: z.object({
      gridId: z.string().min(1).max(64).optional(),
      filter: boardFilterSchema.default('all'),
      ...pageInput,
    }),
    output: pageOf(caseViewSchema).extend({ grid: gridRefSchema, grids: z.array(gridRefSchema) }),
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
