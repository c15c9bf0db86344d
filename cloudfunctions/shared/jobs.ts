import type { Db } from '@cloudbase/database'
import type { CaseRecord } from '../../src/domain/case'
import { collections } from './data/collections'
import { checked, isDuplicateKey, listOf, updatedCount } from './data/results'
import type { Runtime } from './runtime'

export interface SweepReport {
  job: 'unclaimed-alerts'
  flagged: number
  notified: number
}

const batchSize = 100

/**
 * Flags cases that have waited on a board unclaimed past the limit and tells the grid's leaders, once:
 * the flag is a conditional write and the notification's id is its idempotency key, so a re-run or a
 * concurrent run never alerts twice.
 */
export async function sweepUnclaimedCases(runtime: Runtime): Promise<SweepReport> {
  const { db } = runtime
  const now = runtime.now()
  const cutoff = new Date(now.getTime() - runtime.settings.unclaimedAlertMinutes * 60_000).toISOString()
  const _ = db.command
  const overdue = listOf<CaseRecord>(
    await db
      .collection(collections.case)
      .where({ status: 'pending', unclaimedAlertAt: null, createdAt: _.lt(cutoff) })
      .orderBy('createdAt', 'asc')
      .limit(batchSize)
      .get(),
  )
  let flagged = 0
  let notified = 0
  for (const record of overdue) {
    const result = await db
      .collection(collections.case)
      .where({ _id: record._id, status: 'pending', unclaimedAlertAt: null })
      .update({ unclaimedAlertAt: now.toISOString() })
    if (updatedCount(result) !== 1) continue
    flagged += 1
    if (await enqueueNotification(db, `unclaimed-alert:${record._id}`, record, now)) notified += 1
  }
  return { job: 'unclaimed-alerts', flagged, notified }
}

async function enqueueNotification(db: Db, key: string, record: CaseRecord, now: Date): Promise<boolean> {
  try {
    checked(
      await db.collection(collections.outbox).add({
        _id: key,
        kind: 'unclaimed-alert',
        audience: { gridId: record.gridId, roles: ['grid_leader'] },
        caseId: record._id,
        title: '问题超时未认领',
        body: `问题 ${record.caseNo} 已超过时限无人认领，请尽快安排处理`,
        createdAt: now.toISOString(),
        sentAt: null,
      }),
    )
    return true
  } catch (error) {
    if (isDuplicateKey(error)) return false
    throw error
  }
}

/** The jobs function's entry: a timer event runs every sweep; each sweep reports what it did. */
export async function handleJobsEvent(runtime: Runtime, _event: unknown): Promise<{ ok: true; reports: SweepReport[] }> {
  const reports = [await sweepUnclaimedCases(runtime)]
  return { ok: true, reports }
}
