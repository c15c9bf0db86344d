import { z } from '../shared/zod'

/** The pollutants a station reports that the episode rule can watch (μg/m³). */
export const pollutants = ['pm25', 'pm10'] as const
export type Pollutant = (typeof pollutants)[number]
export const pollutantLabels: Record<Pollutant, string> = { pm25: 'PM2.5', pm10: 'PM10' }

const concentration = z.number().min(0).max(10000)

/**
 * When monitoring readings open a case (src/domain/catalog/monitoring.json). A reading is over when any rule's
 * pollutant is above its level; an episode opens once readings have stayed over for `durationMinutes`, and
 * closes once every watched pollutant has stayed at or below its recovery level for `recoveryMinutes`.
 */
export const monitoringRulesSchema = z
  .object({
    notes: z.string().default(''),
    rules: z
      .array(
        z
          .object({
            pollutant: z.enum(pollutants),
            above: concentration,
            recoversAtOrBelow: concentration,
          })
          .refine((rule) => rule.recoversAtOrBelow <= rule.above, {
            error: 'recoversAtOrBelow must not be above the opening level',
          }),
      )
      .min(1)
      .refine((rules) => new Set(rules.map((rule) => rule.pollutant)).size === rules.length, {
        error: 'one rule per pollutant',
      }),
    durationMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    recoveryMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    /** How far a request's signed timestamp may be from the server's clock, either way. */
    maxSkewSeconds: z.number().int().min(10).max(3600),
    /** How old a reading may be when it arrives (a station sending what it buffered during an outage). */
    maxReadingAgeMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    /** How many of an episode's latest readings its case keeps as the curve. */
    curveLimit: z.number().int().min(10).max(1000),
    /** What a monitoring case is filed as (checked against the category catalog with the rest of the settings). */
    caseCategory: z.object({ categoryId: z.string().min(1), checkId: z.string().min(1) }),
  })
  .strict()
export type MonitoringRules = z.infer<typeof monitoringRulesSchema>
