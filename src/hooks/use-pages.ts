import { useCallback } from 'react'
import type { ApiError } from '@/services/api'
import { useRequest } from './use-request'

export interface PagesState {
  /** The first page, on its way. */
  loading: boolean
  loadingMore: boolean
  error: ApiError | undefined
  /** An error while loading a further page; what is shown stays. */
  moreError: ApiError | undefined
  /** Asks for the first page again; a further page still on its way is dropped. Never rejects. */
  reload: () => Promise<void>
  /** Asks for page `page` unless a page is on its way already. Never rejects. */
  loadMore: (page: number) => Promise<void>
  /** Stops showing loading, for a list that was switched off. */
  idle: () => void
}

export interface PagesOptions<T> {
  initiallyLoading?: boolean
  /** The first page's answer, when it is the latest. */
  onFirst: (answer: T) => void
  /** A further page's answer, unless the list was reloaded meanwhile. */
  onMore: (answer: T, page: number) => void
}

const ignore = () => undefined

/** A list read page by page: the request state of its first page and of the further ones. */
export function usePages<T>(fetchPage: (page: number) => Promise<T>, options: PagesOptions<T>): PagesState {
  const first = useRequest(() => fetchPage(1), {
    initiallyLoading: options.initiallyLoading,
    onData: (answer) => options.onFirst(answer),
  })
  const more = useRequest(fetchPage, { onData: (answer, [page]) => options.onMore(answer, page) })
  const { retry } = first
  const { cancel: cancelMore, run: runMore } = more
  const busy = first.loading || more.loading

  const reload = useCallback(() => {
    // A further page still on its way belongs to the list being replaced.
    cancelMore()
    return retry().then(ignore, ignore)
  }, [retry, cancelMore])

  const loadMore = useCallback(
    async (page: number) => {
      if (busy) return
      await runMore(page).then(ignore, ignore)
    },
    [busy, runMore],
  )

  return {
    loading: first.loading,
    loadingMore: more.loading,
    error: first.error,
    moreError: more.error,
    reload,
    loadMore,
    idle: first.idle,
  }
}
