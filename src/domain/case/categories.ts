import { z } from '../shared/zod'

const checkSchema = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1) })
const categorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  hint: z.string(),
  /** Open cases of this category within this radius are offered to the reporter to join instead. */
  dedupeRadiusMeters: z.number().int().positive(),
  checks: z.array(checkSchema).min(1),
})
const catalogSchema = z.object({
  version: z.number().int().positive(),
  note: z.string().optional(),
  categories: z.array(categorySchema).min(1),
})

export type CategoryCheck = z.infer<typeof checkSchema>
export type Category = z.infer<typeof categorySchema>
export type CategoryCatalog = z.infer<typeof catalogSchema>

/** Parses a catalog (the shipped JSON or an edited one) and refuses duplicate ids. */
export function parseCatalog(input: unknown): CategoryCatalog {
  const catalog = catalogSchema.parse(input)
  const seen = new Set<string>()
  for (const category of catalog.categories) {
    for (const id of [category.id, ...category.checks.map((check) => check.id)]) {
      if (seen.has(id)) throw new Error(`duplicate id in category catalog: ${id}`)
      seen.add(id)
    }
  }
  return catalog
}

export function findCategory(id: string, catalog: CategoryCatalog): Category | undefined {
  return catalog.categories.find((category) => category.id === id)
}

export function findCheck(
  categoryId: string,
  checkId: string,
  catalog: CategoryCatalog,
): CategoryCheck | undefined {
  return findCategory(categoryId, catalog)?.checks.find((check) => check.id === checkId)
}
