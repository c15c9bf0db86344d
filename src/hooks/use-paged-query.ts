import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call, type ApiError } from '@/services/api'
import { usePages } from './use-pages'

/** Actions answering one page of a list: `{ items, total, hasMore, page, pageSize }`. */
export type PagedAction = {
  [K in ActionName]: ActionOutput<K> extends { items: unknown[]; hasMore: boolean } ? K : never
}[ActionName]

type ItemOf<A extends PagedAction> = ActionOutput<A>['items'][number]

export interface PagedQueryState<A extends PagedAction> {
  items: ItemOf<A>[]
  /** How many there are, once the last page is in; null while more follow. */
  total: number | null
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

const idOf = (item: unknown) => (item as { id: string }).id

/** A further page's items after those shown, leaving out any already shown (a case that moved between pages). */
export function appendById<T>(shown: T[], next: T[]): T[] {
  const seen = new Set(shown.map(idOf))
  return [...shown, ...next.filter((item) => !seen.has(idOf(item)))]
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
  const [items, setItems] = useState<ItemOf<A>[]>([])
  const [last, setLast] = useState<ActionOutput<A> | undefined>(undefined)

  const pages = usePages(
    (page: number) => call(action, { ...payloadRef.current, page, pageSize } as ActionInput<A>),
    {
      initiallyLoading: enabled,
      onFirst: (answer) => {
        setLast(answer)
        setItems(answer.items as ItemOf<A>[])
      },
      onMore: (answer) => {
        setLast(answer)
        setItems((previous) => appendById(previous, answer.items as ItemOf<A>[]))
      },
    },
  )
  const { reload, idle, loadMore: loadPage } = pages

  useEffect(() => {
    if (enabled) void reload()
    else idle()
  }, [enabled, action, key, pageSize, reload, idle])

  const hasMore = last !== undefined && last.hasMore
  const nextPage = hasMore ? last.page + 1 : undefined
  const loadMore = useCallback(
    () => (nextPage === undefined ? Promise.resolve() : loadPage(nextPage)),
    [nextPage, loadPage],
  )

  const replaceItem = useCallback((item: ItemOf<A>) => {
    setItems((previous) => previous.map((existing) => (idOf(existing) === idOf(item) ? item : existing)))
  }, [])

  return {
    items,
    total: last === undefined ? null : last.total,
    last,
    loading: pages.loading,
    loadingMore: pages.loadingMore,
    error: pages.error,
    moreError: pages.moreError,
    hasMore,
    reload,
    loadMore,
    replaceItem,
  }
}
