import { exportFiltersSchema } from '../../../src/domain/exports/contract'
import {
  exportFileNameOf,
  exportFilterLabel,
  exportSelectionOf,
  inSelection,
} from '../../../src/domain/exports/selection'
import { openStatuses } from '../../../src/domain/case/status'

const startedAt = new Date('2026-11-30T02:00:00.000Z')

describe('what an export selects', () => {
  it('takes a period as Beijing days: October from 1 October 00:00 to 1 November 00:00 Beijing', () => {
    const selection = exportSelectionOf({ status: 'all', period: '2026-10' }, 'grid', startedAt)
    expect(selection).toMatchObject({
      gridId: 'grid',
      statuses: null,
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
    })
  })

  it('ends a period not yet over at the export’s start (that instant included), so its total holds while it runs', () => {
    const selection = exportSelectionOf({ status: 'open', period: '2026-11' }, 'grid', startedAt)
    const justAfter = new Date(startedAt.getTime() + 1).toISOString()
    expect(selection.to).toBe(justAfter)
    expect(selection.statuses).toEqual([...openStatuses])
    expect(exportSelectionOf({ status: 'all' }, 'grid', startedAt)).toMatchObject({
      from: null,
      to: justAfter,
    })
  })

  it('narrows by category on the rows', () => {
    const selection = exportSelectionOf({ status: 'closed', categoryId: 'dust' }, 'grid', startedAt)
    expect(selection.statuses).toEqual(['closed'])
    expect(inSelection(selection, { categoryId: 'dust' })).toBe(true)
    expect(inSelection(selection, { categoryId: 'open-burning' })).toBe(false)
  })

  it('refuses a period that is no period key', () => {
    expect(exportFiltersSchema.safeParse({ period: '2026-13' }).success).toBe(false)
    expect(exportFiltersSchema.safeParse({ period: '2026-W49' }).success).toBe(true)
    expect(exportFiltersSchema.safeParse({ status: 'nonsense' }).success).toBe(false)
  })

  it('says its filters in words, and names its file after the grid, period and Beijing time', () => {
    expect(exportFilterLabel({ status: 'open', period: '2026-11' })).toBe('未办结 · 全部类别 · 2026年11月')
    expect(exportFileNameOf('映月路 社区', { status: 'all', period: '2026-11' }, 'csv', startedAt)).toBe(
      '案件清单_映月路社区_2026年11月_20261130-1000.csv',
    )
  })
})
