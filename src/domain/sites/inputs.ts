import { z } from '../shared/zod'
import { pageInput, requestIdSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { creditCodePattern, siteStatusSchema } from './rules'

/** The input schemas of the site register's actions (the client's; the answers are in ./contract). */

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

/** The largest spreadsheet one import takes: about 1 MB, as base64. */
export const maxSiteSheetChars = 1_400_000
/** The most rows one import takes; a larger register goes in parts. */
export const maxSiteRows = 500

export const siteListFilterSchema = z.object({
  type: z.string().trim().max(32).optional(),
  status: siteStatusSchema.optional(),
})

export const siteInputs = {
  'site.create': siteFieldsSchema.extend({ requestId: requestIdSchema }),
  'site.update': siteFieldsSchema.extend({ siteId: siteIdSchema }),
  'site.get': z.object({ siteId: siteIdSchema }),
  'site.list': siteListFilterSchema.extend(pageInput),
  /** A spreadsheet (.xlsx) as base64. */
  'site.import': z.object({
    content: z
      .string({ error: '请选择文件' })
      .min(1, { error: '文件为空' })
      .max(maxSiteSheetChars, { error: '文件过大：一次最多约 1 MB，请拆分后分批导入' })
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容无效，请重新选择 .xlsx 文件' }),
    dryRun: z.boolean().default(false),
  }),
  'site.nearby': z.object({ location: gcj02PointSchema }),
} as const
