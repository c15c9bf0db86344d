import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call, type ApiError } from '@/services/api'
import { toApiError } from './errors'

/** Actions answering one page of a list: `{ items, total, page, pageSize }`. */
export type PagedAction = {
  [K in ActionName]: ActionOutput<K> extends { items: unknown[]; total: number } ? K : never
}[ActionName]

type ItemOf<A extends PagedAction> = ActionOutput<A>['items'][number]

export interface PagedQueryState<A extends PagedAction> {
  items: ItemOf<A>[]
  total: number
  /** The latest page's full answer (e.g. the board's `grid` and `grids`). */
  last: ActionOutput<A> | undefined
  loading: boolean
  loadingMore: boolean
  error: ApiError | undefined
  /** An error while loading a further page; the items already shown stay. */
  moreError: ApiError | undefined
  hasMore: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Replaces one item in place (matched by `id`), e.g. after a claim. */
  replaceItem: (item: ItemOf<A>) => void
}

/**
 * A paged list: the first page on mount and whenever the payload changes, further pages on demand.
 * Items are de-duplicated by `id`, so a case that moved between pages is never shown twice.
 */
export function usePagedQuery<A extends PagedAction>(
  action: A,
  payload: Omit<ActionInput<A>, 'page' | 'pageSize'>,
  options: { pageSize?: number; enabled?: boolean } = {},
): PagedQueryState<A> {
  const pageSize = options.pageSize ?? 10
  const enabled = options.enabled ?? true
  const key = JSON.stringify(payload)
  const payloadRef = useRef(payload)
  payloadRef.current = payload
  const sequence = useRef(0)
  const mounted = useRef(true)
  const [items, setItems] = useState<ItemOf<A>[]>([])
  const [last, setLast] = useState<ActionOutput<A> | undefined>(undefined)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [moreError, setMoreError] = useState<ApiError | undefined>(undefined)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const fetchPage = useCallback(
    (page: number) => call(action, { ...payloadRef.current, page, pageSize } as ActionInput<A>),
    [action, pageSize],
  )

  const reload = useCallback(async () => {
    const id = ++sequence.current
    setLoading(true)
    setError(undefined)
    setMoreError(undefined)
    try {
      const result = await fetchPage(1)
      if (!mounted.current || id !== sequence.current) return
      setLast(result)
      setItems(result.items as ItemOf<A>[])
    } catch (thrown) {
      if (!mounted.current || id !== sequence.current) return
      setError(toApiError(thrown))
    } finally {
      if (mounted.current && id === sequence.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetchPage, key])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
  }, [enabled, reload])

  const hasMore = last !== undefined && items.length < last.total

  const loadMore = useCallback(async () => {
    if (!last || loading || loadingMore || items.length >= last.total) return
    const id = sequence.current
    setLoadingMore(true)
    setMoreError(undefined)
    try {
      const result = await fetchPage(last.page + 1)
      if (!mounted.current || id !== sequence.current) return
      setLast(result)
      setItems((previous) => {
        const seen = new Set(previous.map((item) => (item as { id: string }).id))
        return [
          ...previous,
          ...(result.items as ItemOf<A>[]).filter((item) => !seen.has((item as { id: string }).id)),
        ]
      })
    } catch (thrown) {
      if (mounted.current && id === sequence.current) setMoreError(toApiError(thrown))
    } finally {
      if (mounted.current) setLoadingMore(false)
    }
  }, [fetchPage, last, loading, loadingMore, items.length])

  const replaceItem = useCallback((item: ItemOf<A>) => {
    const id = (item as { id: string }).id
    setItems((previous) =>
      previous.map((existing) => ((existing as { id: string }).id === id ? item : existing)),
    )
  }, [])

  return {
    items,
    total: last?.total ?? 0,
    last,
    loading,
    loadingMore,
    error,
    moreError,
    hasMore,
    reload,
    loadMore,
    replaceItem,
  }
}
