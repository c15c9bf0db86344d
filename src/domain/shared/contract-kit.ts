import { z } from './zod'

/** Building blocks every context's contract uses: file ids, paging, notes, photos, request ids, issue messages. */

export const fileIdSchema = z
  .string()
  .regex(/^cloud:\/\/[\w.-]+\/.+/, { error: '照片地址无效，请重新上传' })
  .max(512)

export const pageInput = {
  page: z.number().int().min(1).max(10000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Known when the list ends on this page; null when more follow (lists are never counted in full). */
    total: z.number().int().nullable(),
    hasMore: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })

export const noteSchema = (max: number, requiredMessage?: string) =>
  requiredMessage
    ? z
        .string({ error: requiredMessage })
        .trim()
        .min(1, { error: requiredMessage })
        .max(max, { error: `不能超过${max}字` })
    : z
        .string()
        .trim()
        .max(max, { error: `不能超过${max}字` })
        .default('')
export const photosSchema = (min: number, minMessage: string) =>
  z.array(fileIdSchema).min(min, { error: minMessage }).max(9, { error: '最多上传9张照片' })

export const requestIdSchema = z
  .string()
  .min(8, { error: '请求编号无效' })
  .max(64, { error: '请求编号无效' })
  .regex(/^[\w-]+$/, { error: '请求编号无效' })

/**
 * Turns zod issues into Chinese messages keyed by field path (the first issue of a field wins), for forms
 * and for the API's answer. Messages come from the schemas or, where a schema sets none, from the locale
 * configured in shared/zod.ts.
 */
export function describeIssues(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_'
    fields[path] ??= issue.message
  }
  return fields
}
