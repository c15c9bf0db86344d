import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionOutput, LedgerItem } from '@/domain/contract'
import { toApiError } from '@/hooks/errors'
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

/**
 * My points page's data: `points.mine` answers the balance, this month's standing and one page of the ledger;
 * further pages append (de-duplicated by entry id). Answers that arrive after a newer reload are dropped.
 */
export function useMyPoints(pageSize = 20): MyPointsState {
  const sequence = useRef(0)
  const mounted = useRef(true)
  const [summary, setSummary] = useState<Summary | undefined>(undefined)
  const [items, setItems] = useState<LedgerItem[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [moreError, setMoreError] = useState<ApiError | undefined>(undefined)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const reload = useCallback(async () => {
    const id = ++sequence.current
    setLoading(true)
    setError(undefined)
    setMoreError(undefined)
    try {
      const { ledger, ...rest } = await call('points.mine', { page: 1, pageSize })
      if (!mounted.current || id !== sequence.current) return
      setSummary(rest)
      setItems(ledger.items)
      setTotal(ledger.total)
      setPage(1)
    } catch (thrown) {
      if (mounted.current && id === sequence.current) setError(toApiError(thrown))
    } finally {
      if (mounted.current && id === sequence.current) setLoading(false)
    }
  }, [pageSize])

  useEffect(() => {
    void reload()
  }, [reload])

  const hasMore = page > 0 && items.length < total

  const loadMore = useCallback(async () => {
    if (loading || loadingMore || !hasMore) return
    const id = sequence.current
    setLoadingMore(true)
    setMoreError(undefined)
    try {
      const { ledger } = await call('points.mine', { page: page + 1, pageSize })
      if (!mounted.current || id !== sequence.current) return
      setItems((previous) => {
        const seen = new Set(previous.map((item) => item.id))
        return [...previous, ...ledger.items.filter((item) => !seen.has(item.id))]
      })
      setTotal(ledger.total)
      setPage(page + 1)
    } catch (thrown) {
      if (mounted.current && id === sequence.current) setMoreError(toApiError(thrown))
    } finally {
      if (mounted.current) setLoadingMore(false)
    }
  }, [hasMore, loading, loadingMore, page, pageSize])

  return { summary, items, total, loading, loadingMore, error, moreError, hasMore, reload, loadMore }
}
