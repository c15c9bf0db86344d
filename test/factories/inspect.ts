import { Query } from 'mingo'
import type { Db } from '../../emulator/database'

/**
 * What a test looks at in a collection the product never queries that way (the outbox by case, say): every
 * document, read as a plain scan, filtered here. The emulator refuses product queries no declared index
 * serves, and a test's inspection should not make the production index list grow.
 */
export async function documentsWhere<T>(
  db: Db,
  collection: string,
  filter: Record<string, unknown>,
): Promise<T[]> {
  const all: Record<string, unknown>[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = (await db.collection(collection).skip(offset).limit(1000).get()).data as Record<
      string,
      unknown
    >[]
    all.push(...page)
    if (page.length < 1000) break
  }
  const query = new Query(filter)
  return all.filter((doc) => query.test(doc)) as T[]
}
