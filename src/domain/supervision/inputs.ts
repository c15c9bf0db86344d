import { z } from '../shared/zod'
import { noteSchema, pageInput, requestIdSchema } from '../shared/contract-kit'

/** The input schemas of the supervision context's actions (the client's; the answers are in ./contract). */

/** What the 督查室 looks at: open cases past their deadline, red-carded, or flagged (挂牌督办). */
export const supervisionFilters = ['overdue', 'red', 'flagged'] as const
export const supervisionFilterSchema = z.enum(supervisionFilters)
export type SupervisionFilter = z.infer<typeof supervisionFilterSchema>
export const supervisionFilterLabels: Record<SupervisionFilter, string> = {
  overdue: '超期未办结',
  red: '红牌警告',
  flagged: '挂牌督办',
}

/** The accountability notes a supervisor attaches to a grid's record. */
export const supervisionNoteKinds = ['interview', 'notice', 'reminder'] as const
export const supervisionNoteKindSchema = z.enum(supervisionNoteKinds, { error: '请选择记录类型' })
export type SupervisionNoteKind = z.infer<typeof supervisionNoteKindSchema>
export const supervisionNoteKindLabels: Record<SupervisionNoteKind, string> = {
  interview: '约谈',
  notice: '通报',
  reminder: '督促提醒',
}

const gridIdSchema = z.string({ error: '请选择网格' }).min(1, { error: '请选择网格' }).max(64)
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })

export const supervisionInputs = {
  'supervision.list': z.object({
    filter: supervisionFilterSchema.default('overdue'),
    gridId: z.string().min(1).max(64).optional(),
    ...pageInput,
  }),
  'supervision.note': z.object({
    requestId: requestIdSchema,
    gridId: gridIdSchema,
    kind: supervisionNoteKindSchema,
    note: noteSchema(500, '请填写记录内容'),
    caseId: z.string().min(1).max(64).optional(),
  }),
  'supervision.bulletin': z.object({
    day: daySchema.optional(),
    streetId: z.string().min(1).max(64).optional(),
  }),
} as const
