import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Calls `refresh` whenever the page is shown again (back from another page, a tab switch), so what it lists
 * is current. Not on the first show: mounting has loaded everything already.
 */
export function useRefreshOnShow(refresh: () => void): void {
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true
      return
    }
    refresh()
  })
}
