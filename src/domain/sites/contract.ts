import { z } from '../shared/zod'
import { pageInput, pageOf, requestIdSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { creditCodePattern, siteStatusSchema } from './rules'

const siteIdSchema = z.string({ error: '缺少污染源编号' }).min(1, { error: '缺少污染源编号' }).max(64)

/** What staff enter for a site, on its form and in each spreadsheet row. */
export const siteFieldsSchema = z.object({
  name: z
    .string({ error: '请填写名称' })
    .trim()
    .min(1, { error: '请填写名称' })
    .max(60, { error: '名称不能超过60字' }),
  /** One of the configured types (src/domain/catalog/sites.json); checked against them by the server. */
  type: z
    .string({ error: '请选择类型' })
    .trim()
    .min(1, { error: '请选择类型' })
    .max(32, { error: '请选择有效的类型' }),
  address: z
    .string({ error: '请填写地址' })
    .trim()
    .min(1, { error: '请填写地址' })
    .max(120, { error: '地址不能超过120字' }),
  location: gcj02PointSchema,
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => code === '' || creditCodePattern.test(code), {
      error: '统一社会信用代码应为18位数字或大写字母',
    })
    .default(''),
  responsibleUnit: z.string().trim().max(60, { error: '责任单位不能超过60字' }).default(''),
  contactName: z.string().trim().max(20, { error: '联系人不能超过20字' }).default(''),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[\d\s+()-]{0,20}$/, { error: '联系电话格式不正确' })
    .default(''),
})
export type SiteFields = z.output<typeof siteFieldsSchema>

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

/** The largest spreadsheet one import takes: about 1 MB, as base64. */
export const maxSiteSheetChars = 1_400_000
/** The most rows one import takes; a larger register goes in parts. */
export const maxSiteRows = 500

export const siteListFilterSchema = z.object({
  type: z.string().trim().max(32).optional(),
  status: siteStatusSchema.optional(),
})

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
    input: siteFieldsSchema.extend({ requestId: requestIdSchema }),
    output: z.object({ site: siteViewSchema, replayed: z.boolean() }),
  },
  'site.update': {
    input: siteFieldsSchema.extend({ siteId: siteIdSchema }),
    output: z.object({ site: siteViewSchema }),
  },
  'site.get': {
    input: z.object({ siteId: siteIdSchema }),
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
    input: siteListFilterSchema.extend(pageInput),
    output: pageOf(siteViewSchema).extend({
      types: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  },
  /** The district office imports its register from a spreadsheet (.xlsx, base64): see README for the columns. */
  'site.import': {
    input: z.object({
      content: z
        .string({ error: '请选择文件' })
        .min(1, { error: '文件为空' })
        .max(maxSiteSheetChars, { error: '文件过大：一次最多约 1 MB，请拆分后分批导入' })
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容无效，请重新选择 .xlsx 文件' }),
      dryRun: z.boolean().default(false),
    }),
    output: siteImportReportSchema,
  },
  /** Sites near a chosen place, nearest first, for the report page to suggest. */
  'site.nearby': {
    input: z.object({ location: gcj02PointSchema }),
    output: z.object({ radiusMeters: z.number().int(), items: z.array(siteSuggestionSchema) }),
  },
} as const
