import { z } from '../shared/zod'
import { noteSchema, pageInput, pageOf, requestIdSchema } from '../shared/contract-kit'
import { caseViewSchema } from '../case/contract'
import { gridRefSchema } from '../grid/contract'

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

export const supervisionNoteSchema = z.object({
  id: z.string(),
  gridId: z.string(),
  grid: gridRefSchema,
  kind: supervisionNoteKindSchema,
  kindLabel: z.string(),
  note: z.string(),
  caseId: z.string().nullable(),
  byNickname: z.string(),
  at: z.string(),
})

/** One street's daily bulletin (日督查): yesterday's figures, what was flagged, and the notes attached. */
export const bulletinSchema = z.object({
  streetId: z.string(),
  street: gridRefSchema,
  day: z.string(),
  figures: z.object({
    received: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
    escalations: z.number().int(),
    yellowCards: z.number().int(),
    redCards: z.number().int(),
  }),
  flagged: z.array(
    z.object({
      caseId: z.string(),
      caseNo: z.string(),
      gridId: z.string(),
      note: z.string(),
      deadlineAt: z.string().nullable(),
    }),
  ),
  notes: z.array(supervisionNoteSchema),
  generatedAt: z.string(),
})
export type Bulletin = z.infer<typeof bulletinSchema>

export const supervisionActions = {
  /** The 督查室's list across its scope, most urgent first. */
  'supervision.list': {
    input: z.object({
      filter: supervisionFilterSchema.default('overdue'),
      gridId: z.string().min(1).max(64).optional(),
      ...pageInput,
    }),
    output: pageOf(caseViewSchema).extend({ grid: gridRefSchema, filter: supervisionFilterSchema }),
  },
  /** An accountability note (约谈, 通报, 督促) on a grid's record; a retried request records it once. */
  'supervision.note': {
    input: z.object({
      requestId: requestIdSchema,
      gridId: gridIdSchema,
      kind: supervisionNoteKindSchema,
      note: noteSchema(500, '请填写记录内容'),
      caseId: z.string().min(1).max(64).optional(),
    }),
    output: z.object({ note: supervisionNoteSchema, replayed: z.boolean() }),
  },
  /**
   * The daily bulletins of a day (yesterday's unless told), for one street or every street in the caller's
   * scope. Drafted each morning by the jobs function.
   */
  'supervision.bulletin': {
    input: z.object({ day: daySchema.optional(), streetId: z.string().min(1).max(64).optional() }),
    output: z.object({ day: z.string(), bulletins: z.array(bulletinSchema) }),
  },
} as const
