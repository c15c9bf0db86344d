import { useCallback, useState } from 'react'

export interface FieldErrors {
  /** Messages keyed by field path, e.g. `location.lng`. */
  errors: Record<string, string>
  setErrors: (errors: Record<string, string>) => void
  /** Drops the messages of fields the user has just changed. */
  clearErrors: (...keys: string[]) => void
}

/** The field messages of a form, shown next to each field until the user changes it. */
export function useFieldErrors(): FieldErrors {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const clearErrors = useCallback((...keys: string[]) => {
    setErrors((current) => {
      if (!keys.some((key) => current[key])) return current
      const next = { ...current }
      for (const key of keys) delete next[key]
      return next
    })
  }, [])
  return { errors, setErrors, clearErrors }
}
