import { alertAt, alertsOf, type Alert } from '../../../src/domain/alerts/book'
import type { GridTree } from '../../../src/domain/grid/tree'
import type { Runtime } from '../runtime/runtime'
import { alertStoreFor } from './store'

/**
 * The alert holding at an instant in the district a grid lies in, for acts that apply it (a report's
 * deadline and urgency). Read from this instance's copy of the book, so a warm instance spends no request.
 */
export async function alertInForce(
  runtime: Runtime,
  tree: GridTree,
  gridId: string,
  at: Date,
): Promise<Alert | null> {
  const districtId = tree.ancestorAt(gridId, 'district')?._id
  if (!districtId) return null
  return alertAt(alertsOf((await alertStoreFor(runtime).cachedBook(districtId)).entries), at)
}
