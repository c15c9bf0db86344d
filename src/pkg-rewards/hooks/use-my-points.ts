import { useCallback, useEffect, useState } from 'react'
import type { ActionOutput, LedgerItem } from '@/domain/contract'
import { appendById } from '@/hooks/use-paged-query'
import { usePages } from '@/hooks/use-pages'
import { call, type ApiError } from '@/services/api'

type Summary = Omit<ActionOutput<'points.mine'>, 'ledger'>

export interface MyPointsState {
  /** Balance, list and this month's standing (from the latest answer). */
  summary: Summary | undefined
  items: LedgerItem[]
  /** How many entries there are, once the last page is in; null while more follow. */
  total: number | null
  loading: boolean
  loadingMore: boolean
  error: ApiError | undefined
  moreError: ApiError | undefined
  hasMore: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * My points page's data: `points.mine` answers the balance, this month's standing and one page of the ledger;
 * further pages append (de-duplicated by entry id). Answers that arrive after a newer reload are dropped.
 */
export function useMyPoints(pageSize = 20): MyPointsState {
  const [summary, setSummary] = useState<Summary | undefined>(undefined)
  const [items, setItems] = useState<LedgerItem[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [more, setMore] = useState(false)
  const [page, setPage] = useState(0)
  const pages = usePages((number: number) => call('points.mine', { page: number, pageSize }), {
    initiallyLoading: true,
    onFirst: ({ ledger, ...rest }) => {
      setSummary(rest)
      setItems(ledger.items)
      setTotal(ledger.total)
      setMore(ledger.hasMore)
      setPage(1)
    },
    onMore: ({ ledger }, number) => {
      setItems((previous) => appendById(previous, ledger.items))
      setTotal(ledger.total)
      setMore(ledger.hasMore)
      setPage(number)
    },
  })
  const { reload, loadMore: loadPage } = pages

  useEffect(() => {
    void reload()
  }, [reload, pageSize])

  const hasMore = page > 0 && more
  const loadMore = useCallback(
    () => (hasMore ? loadPage(page + 1) : Promise.resolve()),
    [hasMore, page, loadPage],
  )

  const { loading, loadingMore, error, moreError } = pages
  return { summary, items, total, loading, loadingMore, error, moreError, hasMore, reload, loadMore }
}
