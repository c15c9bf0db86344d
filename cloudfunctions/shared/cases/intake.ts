import type { CaseRecord } from '../../../src/domain/case/record'
import type { GridNode } from '../../../src/domain/grid/tree'
import { openCase, type CaseIntake } from '../../../src/domain/case/intake'
import type { Screening } from '../../../src/domain/content/screening'
import type { CaseActor } from '../../../src/domain/case/decide'
import { businessDayKey, formatCaseNo } from '../../../src/domain/shared/time'
import { nextCounterValue } from '../db/counters'
import type { Runtime } from '../runtime/runtime'
import type { Stores } from '../runtime/context'
import { decideContext, outboxEntries } from './act'
import { caseNumberCounter } from './handlers/reports'
import { sealEvent } from './trail'

/**
 * Files a case that a channel other than a person's report brought in (a monitoring episode), through the
 * same intake as `case.submit`: numbered from the day's counter, opened by the domain, sealed, and stored with
 * its notices in one insert. The id comes from the channel, so a second filing of the same intake finds the
 * first case (`inserted: false`) and leaves it as it is.
 */
export async function fileCase(
  runtime: Runtime,
  stores: Stores,
  opening: {
    intake: CaseIntake
    actor: CaseActor
    caseId: string
    grid: GridNode
    now: Date
    /** Where the intake's content stands with content security; absent: nothing of it needs checking. */
    screening?: Screening
  },
): Promise<{ record: CaseRecord; inserted: boolean }> {
  const { intake, actor, caseId, grid, now, screening } = opening
  const { tree } = await stores.grids.index()
  const dayKey = businessDayKey(now)
  const serial = await nextCounterValue(runtime.db, caseNumberCounter(dayKey))
  const opened = openCase(
    intake,
    actor,
    { caseId, caseNo: formatCaseNo(dayKey, serial), grid, ...(screening ? { screening } : {}) },
    decideContext(runtime.settings, tree, now),
  )
  const event = sealEvent(opened.event, opened.record, runtime.trailKey)
  const record: CaseRecord = { ...opened.record, lastHash: event.hash }
  const { inserted } = await stores.cases.insertNew(
    record,
    event,
    outboxEntries(record, event, opened.notify),
  )
  return { record, inserted }
}
