import type { CaseRecord } from '../../../src/domain/case/record'
import type { GridNode } from '../../../src/domain/grid/tree'
import { openCase, type CaseIntake } from '../../../src/domain/case/intake'
import type { CaseActor } from '../../../src/domain/case/decide'
import { underAlert } from '../../../src/domain/alerts/book'
import type { Screening } from '../../../src/domain/content/screening'
import { businessDayKey, formatCaseNo } from '../../../src/domain/shared/time'
import { nextCounterValue } from '../db/counters'
import type { Runtime } from '../runtime/runtime'
import type { Stores } from '../runtime/context'
import { decideContext, outboxEntries } from './act'
import { caseNumberCounter } from './handlers/reports'
import { sealEvent } from './trail'
import { alertInForce } from '../alerts/in-force'

/**
 * Files a case that a channel other than a person's report brought in (a caller's complaint, a monitoring
 * episode), through the same intake as `case.submit`: numbered from the day's counter, opened by the domain
 * under the alert in force in its district (urgent, due sooner), sealed, and stored with its notices in one
 * insert. The id comes from the channel, so a second filing of the same intake finds the first case
 * (`inserted: false`) and leaves it as it is. Words a person typed come with WeChat's verdict (`screening`).
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
  const alert = await alertInForce(runtime, tree, grid._id, now)
  const opened = openCase(
    intake,
    actor,
    { caseId, caseNo: formatCaseNo(dayKey, serial), grid, ...(screening ? { screening } : {}) },
    underAlert(
      decideContext(runtime.settings, tree, now),
      alert,
      intake.categoryId,
      runtime.settings.alertLevels,
    ),
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
