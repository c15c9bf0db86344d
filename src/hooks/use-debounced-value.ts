import { useEffect, useState } from 'react'

/** The value once it has stopped changing for `delayMs` (e.g. a place being typed in), compared by JSON. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  const key = JSON.stringify(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
    // `key` stands for the value's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs])
  return settled
}
