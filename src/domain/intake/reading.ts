import { z } from '../shared/zod'
import type { MonitoringRules } from './monitoring'
import { refuseIntake, type IntakeRefusal } from './refusals'
import { stationIdPattern } from './signature'

/** No PM instrument in use reads above this (μg/m³): anything higher is a fault, not air. */
export const maxConcentration = 5000

const concentration = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .min(0, { error: `${label}不能为负数` })
    .max(maxConcentration, { error: `${label}超出仪器量程` })

/** One reading as a station sends it (the request body): concentrations in μg/m³, other values as named. */
export const readingSchema = z
  .object({
    stationId: z.string().regex(stationIdPattern, { error: '站点编号无效' }),
    at: z.iso.datetime({ offset: true, error: '监测时间应为 ISO 8601 时间' }),
    pm25: concentration('PM2.5'),
    pm10: concentration('PM10'),
    /** Other values (temperature, humidity, wind, noise, TSP…), kept with the reading. */
    values: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, { error: '数值名称无效' }),
        z.number({ error: '数值必须是数字' }).min(-1e6).max(1e6),
      )
      .refine((values) => Object.keys(values).length <= 20, { error: '其他数值最多20项' })
      .default({}),
  })
  .strict()
export type Reading = z.output<typeof readingSchema>

/**
 * PM2.5 is part of PM10, so it cannot read above it beyond what two channels of one instrument disagree by
 * (10%, at least 10 μg/m³).
 */
export function pm25FitsPm10(reading: Pick<Reading, 'pm25' | 'pm10'>): boolean {
  return reading.pm25 <= reading.pm10 + Math.max(10, reading.pm10 * 0.1)
}

function describe(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) fields[issue.path.map(String).join('.') || '_'] ??= issue.message
  return fields
}

/**
 * A reading checked as the intake takes it: well-formed, physically possible, and of a time that is neither
 * ahead of now (beyond the allowed skew) nor older than a buffered reading may be. The time is kept as UTC.
 */
export function checkReading(
  body: unknown,
  now: Date,
  rules: Pick<MonitoringRules, 'maxSkewSeconds' | 'maxReadingAgeMinutes'>,
): { ok: true; reading: Reading } | IntakeRefusal {
  const parsed = readingSchema.safeParse(body)
  if (!parsed.success) return refuseIntake('invalid-reading', describe(parsed.error))
  const reading = { ...parsed.data, at: new Date(parsed.data.at).toISOString() }
  if (!pm25FitsPm10(reading)) return refuseIntake('invalid-reading', { pm25: 'PM2.5 不可能高于 PM10' })
  const at = new Date(reading.at).getTime()
  if (at > now.getTime() + rules.maxSkewSeconds * 1000)
    return refuseIntake('invalid-reading', { at: '监测时间晚于当前时间' })
  if (at < now.getTime() - rules.maxReadingAgeMinutes * 60_000)
    return refuseIntake('invalid-reading', { at: `监测时间早于${rules.maxReadingAgeMinutes}分钟前` })
  return { ok: true, reading }
}
