import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { siteStatusSchema } from './rules'
import { siteInputs } from './inputs'

export * from './inputs'

/** A site as staff see it: everything, the responsible unit and contact included. */
export const siteViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  address: z.string(),
  location: gcj02PointSchema,
  grid: gridRefSchema,
  creditCode: z.string(),
  responsibleUnit: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: siteStatusSchema,
  statusLabel: z.string(),
  /** Linked cases reported within the status window (up to the red threshold; more are not counted). */
  recentCases: z.number().int(),
  updatedAt: z.string(),
})
export type SiteView = z.infer<typeof siteViewSchema>

/** A suggestion as anyone who reports sees it: a resident sees only the name and type (and the id to pick). */
export const siteSuggestionSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  /** Staff only: the site's address and how far it is, in metres. */
  address: z.string().optional(),
  meters: z.number().int().optional(),
})

export const siteImportReportSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), name: z.string(), reason: z.string() })),
  dryRun: z.boolean(),
})
export type SiteImportReport = z.infer<typeof siteImportReportSchema>

const siteCaseSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  categoryId: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  reportedAt: z.string(),
  linkedAt: z.string(),
  linkedByNickname: z.string(),
})

/** The site register's actions (一企一档): staff keep it; anyone reporting is offered the sites nearby. */
export const siteActions = {
  'site.create': {
    input: siteInputs['site.create'],
    output: z.object({ site: siteViewSchema, replayed: z.boolean() }),
  },
  'site.update': { input: siteInputs['site.update'], output: z.object({ site: siteViewSchema }) },
  'site.get': {
    input: siteInputs['site.get'],
    output: z.object({
      site: siteViewSchema,
      /** How many cases are linked to the site in all. */
      caseCount: z.number().int(),
      /** The site's linked cases, newest report first (the newest 50). */
      history: z.array(siteCaseSchema),
      repeatOffences: z.array(
        z.object({ categoryId: z.string(), label: z.string(), count: z.number().int() }),
      ),
      windowDays: z.number().int(),
    }),
  },
  'site.list': {
    input: siteInputs['site.list'],
    output: pageOf(siteViewSchema).extend({
      types: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  },
  /** The district office imports its register from a spreadsheet (.xlsx, base64): see README for the columns. */
  'site.import': { input: siteInputs['site.import'], output: siteImportReportSchema },
  /** Sites near a chosen place, nearest first, for the report page to suggest. */
  'site.nearby': {
    input: siteInputs['site.nearby'],
    output: z.object({ radiusMeters: z.number().int(), items: z.array(siteSuggestionSchema) }),
  },
} as const
