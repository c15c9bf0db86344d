/**
 * The Taro stand-in with page shows the test controls:
 *   jest.mock('@tarojs/taro', () => require('../support/page-shows').taro)
 * `useDidShow` runs on mount (the first show) and again on every showPageAgain(), as when the user comes back
 * from another page or switches tabs.
 */
import { useEffect, useRef } from 'react'

const fakeTaro = require('../../fakes/taro') as Record<string, unknown>
const shown = new Set<() => void>()

function useDidShow(callback: () => void): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    const handler = () => ref.current()
    shown.add(handler)
    handler()
    return () => {
      shown.delete(handler)
    }
  }, [])
}

export function showPageAgain(): void {
  for (const handler of [...shown]) handler()
}

export const taro = { ...fakeTaro, __esModule: true, useDidShow }
