import { z } from '../shared/zod'

/**
 * The site register (一企一档): construction and demolition sites, mixing plants, enterprises, restaurants and
 * other sources of pollution, each with its green/yellow/red status. Pure: the clock and the rules come in.
 */

const siteTypeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  label: z.string().min(1).max(20),
})
export type SiteType = z.infer<typeof siteTypeSchema>

export const siteRulesSchema = z
  .object({
    note: z.string().optional(),
    types: z.array(siteTypeSchema).min(1).max(30),
    /**
     * DOMAIN.md gives a site's colours as practice (绵阳: red = stop work and a penalty case) but no rule that
     * derives them, so a site's status is derived from its linked cases reported within `windowDays`.
     */
    status: z
      .object({
        windowDays: z.number().int().min(1).max(366),
        yellowAt: z.number().int().min(1).max(50),
        redAt: z.number().int().min(1).max(50),
      })
      .refine((status) => status.redAt > status.yellowAt, { error: 'redAt must be above yellowAt' }),
    /** How far from a reported place a site is suggested, and how many at most. */
    nearby: z.object({
      radiusMeters: z.number().int().min(10).max(1000),
      maxItems: z.number().int().min(1).max(20),
    }),
  })
  .refine((rules) => new Set(rules.types.map((type) => type.id)).size === rules.types.length, {
    error: 'site type ids must be unique',
  })
export type SiteRules = z.infer<typeof siteRulesSchema>

export function parseSiteRules(input: unknown): SiteRules {
  return siteRulesSchema.parse(input)
}

export const siteStatuses = ['green', 'yellow', 'red'] as const
export const siteStatusSchema = z.enum(siteStatuses)
export type SiteStatus = z.infer<typeof siteStatusSchema>
export const siteStatusLabels: Record<SiteStatus, string> = { green: '绿码', yellow: '黄码', red: '红码' }

export function siteTypeLabel(rules: SiteRules, typeId: string): string {
  return rules.types.find((type) => type.id === typeId)?.label ?? typeId
}

/**
 * What a site stores about its recent history so that its status can be read (and filtered on) at any time
 * without counting cases: its newest linked cases by report time (at most `redAt`, newest first), and the
 * report times of the `yellowAt`-th and `redAt`-th of them as marks ('' when there are fewer). A site is red
 * while its red mark lies within the window, yellow while its yellow mark does, else green; so the colour
 * fades by itself as time passes, and a list filtered by colour is one range query on a mark.
 */
export interface SiteMarks {
  recentCases: Array<{ caseId: string; reportedAt: string }>
  yellowMark: string
  redMark: string
}

export const noMarks: SiteMarks = { recentCases: [], yellowMark: '', redMark: '' }

/** The marks after a case is linked to the site; linking the same case again changes nothing. */
export function marksWith(
  marks: SiteMarks,
  linked: { caseId: string; reportedAt: string },
  rules: SiteRules,
): SiteMarks {
  if (marks.recentCases.some((entry) => entry.caseId === linked.caseId)) return marks
  const { yellowAt, redAt } = rules.status
  const recentCases = [...marks.recentCases, linked]
    .sort((a, b) => (a.reportedAt === b.reportedAt ? 0 : a.reportedAt < b.reportedAt ? 1 : -1))
    .slice(0, redAt)
  return {
    recentCases,
    yellowMark: recentCases[yellowAt - 1]?.reportedAt ?? '',
    redMark: recentCases[redAt - 1]?.reportedAt ?? '',
  }
}

/** The earliest report time that still counts at `now`: marks at or after it are within the window. */
export function statusCutoff(now: Date, rules: SiteRules): string {
  return new Date(now.getTime() - rules.status.windowDays * 86_400_000).toISOString()
}

/** A site's colour at `now`, from its marks. */
export function siteStatusAt(
  marks: Pick<SiteMarks, 'yellowMark' | 'redMark'>,
  now: Date,
  rules: SiteRules,
): SiteStatus {
  const cutoff = statusCutoff(now, rules)
  if (marks.redMark !== '' && marks.redMark >= cutoff) return 'red'
  if (marks.yellowMark !== '' && marks.yellowMark >= cutoff) return 'yellow'
  return 'green'
}

/** A linked case as a site's history reads it. */
export interface SiteCaseFacts {
  caseId: string
  categoryId: string
  reportedAt: string
}

/**
 * Repeat offences (屡查屡犯): the categories a site was reported for more than once within the window, with
 * how many times, most first. The history the site's page reads is the input (its newest links).
 */
export function repeatOffences(
  history: readonly SiteCaseFacts[],
  now: Date,
  rules: SiteRules,
): Array<{ categoryId: string; count: number }> {
  const cutoff = statusCutoff(now, rules)
  const counts = new Map<string, number>()
  for (const link of history)
    if (link.reportedAt >= cutoff) counts.set(link.categoryId, (counts.get(link.categoryId) ?? 0) + 1)
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([categoryId, count]) => ({ categoryId, count }))
    .sort((a, b) => b.count - a.count || a.categoryId.localeCompare(b.categoryId))
}

/** Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of digits and capitals. */
export const creditCodePattern = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** Folds whitespace and full-width forms so that the same name or address typed twice is one key. */
export function normalizedText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

/**
 * A site's natural key within its district: its unified social credit code when it has one, else its name and
 * address (normalised). The key is fixed when the site is first registered, and a site's id derives from it,
 * so a re-import of the same sheet updates the sites it created instead of adding them again.
 */
export function naturalKeyOf(site: { creditCode: string; name: string; address: string }): string {
  if (site.creditCode) return `code:${site.creditCode}`
  return `name:${normalizedText(site.name)}|${normalizedText(site.address)}`
}
