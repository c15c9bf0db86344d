import type { CategoryCatalog } from '../case/categories'
import { z } from '../shared/zod'

/** The three levels of a heavy-pollution alert (重污染天气预警), mildest first. */
export const alertLevels = ['yellow', 'orange', 'red'] as const
export const alertLevelSchema = z.enum(alertLevels, { error: '请选择预警级别' })
export type AlertLevel = z.infer<typeof alertLevelSchema>

const levelRulesSchema = z.object({
  /** Shown in the banner and the history, e.g. 黄色预警. */
  label: z.string().min(1),
  /** The banner's colour, as CSS. */
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** The categories whose reports the level's measures concern (ids from the category catalog). */
  categoryIds: z.array(z.string().min(1)).min(1),
  /** New reports in those categories are due within this many wall-clock hours (or sooner, if normally so). */
  deadlineHours: z.number().positive(),
  /** Whether those reports are urgent (major events, told to the district at once). */
  major: z.boolean(),
  /** The measures in force, for the banner. */
  measures: z.string().min(1),
})
export type AlertLevelRules = z.infer<typeof levelRulesSchema>

export const alertLevelTableSchema = z.object({
  note: z.string().optional(),
  levels: z.object({
    yellow: levelRulesSchema,
    orange: levelRulesSchema,
    red: levelRulesSchema,
  }),
})
export type AlertLevelTable = z.infer<typeof alertLevelTableSchema>

/** Parses the levels' table; a category id the catalog does not know is refused, naming it. */
export function parseAlertLevels(input: unknown, catalog: CategoryCatalog): AlertLevelTable {
  const table = alertLevelTableSchema.parse(input)
  const known = new Set(catalog.categories.map((category) => category.id))
  for (const level of alertLevels) {
    const unknown = table.levels[level].categoryIds.find((id) => !known.has(id))
    if (unknown) throw new Error(`levels.${level}.categoryIds: unknown category ${unknown}`)
  }
  return table
}
