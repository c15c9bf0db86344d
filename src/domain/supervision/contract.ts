import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { caseViewSchema } from '../case/contract'
import { gridRefSchema } from '../grid/contract'
import { supervisionFilterSchema, supervisionInputs, supervisionNoteKindSchema } from './inputs'

export * from './inputs'

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
    input: supervisionInputs['supervision.list'],
    output: pageOf(caseViewSchema).extend({ grid: gridRefSchema, filter: supervisionFilterSchema }),
  },
  /** An accountability note (约谈, 通报, 督促) on a grid's record; a retried request records it once. */
  'supervision.note': {
    input: supervisionInputs['supervision.note'],
    output: z.object({ note: supervisionNoteSchema, replayed: z.boolean() }),
  },
  /**
   * The daily bulletins of a day (yesterday's unless told), for one street or every street in the caller's
   * scope. Drafted each morning by the jobs function.
   */
  'supervision.bulletin': {
    input: supervisionInputs['supervision.bulletin'],
    output: z.object({ day: z.string(), bulletins: z.array(bulletinSchema) }),
  },
} as const
