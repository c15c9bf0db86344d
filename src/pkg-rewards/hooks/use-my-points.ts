import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ActionOutput, LedgerItem } from '@/domain/contract'
import { appendById } from '@/hooks/use-paged-query'
import { useRequest } from '@/hooks/use-request'
import { call, type ApiError } from '@/services/api'

type Summary = Omit<ActionOutput<'points.mine'>, 'ledger'>

export interface MyPointsState {
  /** Balance, list and this month's standing (from the latest answer). */
  summary: Summary | undefined
  items: LedgerItem[]
  total: number
  loading: boolean
  loadingMore: boolean
  error: ApiError | undefined
  moreError: ApiError | undefined
  hasMore: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

const ignore = () => undefined

/**
 * My points page's data: `points.mine` answers the balance, this month's standing and one page of the ledger;
 * further pages append (de-duplicated by entry id). Answers that arrive after a newer reload are dropped.
 */
export function useMyPoints(pageSize = 20): MyPointsState {
  const [items, setItems] = useState<LedgerItem[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const fetchPage = (number: number) => call('points.mine', { page: number, pageSize })
  const first = useRequest(() => fetchPage(1), {
    initiallyLoading: true,
    onData: ({ ledger }) => {
      setItems(ledger.items)
      setTotal(ledger.total)
      setPage(1)
    },
  })
  const more = useRequest(fetchPage, {
    onData: ({ ledger }, [number]) => {
      setItems((previous) => appendById(previous, ledger.items))
      setTotal(ledger.total)
      setPage(number)
    },
  })
  const { retry } = first
  const { cancel: cancelMore } = more

  const reload = useCallback(() => {
    cancelMore()
    return retry().then(ignore, ignore)
  }, [retry, cancelMore])

  useEffect(() => {
    void reload()
  }, [reload, pageSize])

  const summary = useMemo(() => {
    if (!first.data) return undefined
    const { ledger: _ledger, ...rest } = first.data
    return rest
  }, [first.data])
  const hasMore = page > 0 && items.length < total
  const busy = first.loading || more.loading
  const runMore = more.run

  const loadMore = useCallback(async () => {
    if (busy || !hasMore) return
    await runMore(page + 1).then(ignore, ignore)
  }, [busy, hasMore, page, runMore])

  return {
    summary,
    items,
    total,
    loading: first.loading,
    loadingMore: more.loading,
    error: first.error,
    moreError: more.error,
    hasMore,
    reload,
    loadMore,
  }
}
