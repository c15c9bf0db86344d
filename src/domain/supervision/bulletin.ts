import type { CaseRecord } from '../case/record'
import type { NodeFigures } from '../reports/overview'
import type { Bulletin } from './contract'

/** The figures a street's bulletin reports for its day, from the desk's day sheet. */
export function bulletinFigures(figures: NodeFigures): Bulletin['figures'] {
  return {
    received: figures.received,
    closed: figures.closed,
    overdue: figures.overdue,
    escalations: figures.escalations,
    yellowCards: figures.cards.yellow,
    redCards: figures.cards.red,
  }
}

/** The cases flagged that day that lie in the street, as the bulletin lists them. */
export function flaggedIn(streetId: string, cases: readonly CaseRecord[]): Bulletin['flagged'] {
  return cases
    .filter((record) => record.gridPath.includes(streetId) && record.supervision)
    .map((record) => ({
      caseId: record._id,
      caseNo: record.caseNo,
      gridId: record.gridId,
      note: record.supervision!.note,
      deadlineAt: record.deadlineAt,
    }))
}
