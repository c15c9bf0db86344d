import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { newRequestId } from '@/utils/request-id'

/** The report form as the user left it; kept in storage so a closed page or failed submit loses nothing. */
export interface ReportDraft {
  /** Made once per draft and reused by every retry, so a retried submit can never create a second case. */
  requestId: string
  /** Uploaded photos' fileIDs (cloud://…), in the user's order. */
  photos: string[]
  categoryId: string
  checkId: string
  description: string
  /** Coordinates as typed or filled in (GCJ-02); text so that a half-typed number survives. */
  lngText: string
  latText: string
  accuracyMeters: number | null
  address: string
  anonymous: boolean
}

export const draftStorageKey = 'bluegrid.report-draft.v1'

export function emptyDraft(): ReportDraft {
  return {
    requestId: newRequestId(),
    photos: [],
    categoryId: '',
    checkId: '',
    description: '',
    lngText: '',
    latText: '',
    accuracyMeters: null,
    address: '',
    anonymous: false,
  }
}

function isDraft(value: unknown): value is ReportDraft {
  if (typeof value !== 'object' || value === null) return false
  const draft = value as Partial<ReportDraft>
  return (
    typeof draft.requestId === 'string' &&
    draft.requestId.length >= 8 &&
    Array.isArray(draft.photos) &&
    draft.photos.every((photo) => typeof photo === 'string') &&
    typeof draft.categoryId === 'string' &&
    typeof draft.checkId === 'string' &&
    typeof draft.description === 'string' &&
    typeof draft.lngText === 'string' &&
    typeof draft.latText === 'string' &&
    typeof draft.address === 'string' &&
    typeof draft.anonymous === 'boolean'
  )
}

function readStoredDraft(): ReportDraft {
  try {
    const stored: unknown = Taro.getStorageSync(draftStorageKey)
    if (isDraft(stored)) return { ...stored, accuracyMeters: stored.accuracyMeters ?? null }
  } catch {
    // unreadable storage: start afresh
  }
  return emptyDraft()
}

export type DraftPatch = Partial<Omit<ReportDraft, 'requestId'>>

export interface DraftState {
  draft: ReportDraft
  /** Merges a change (or a function of the latest draft) and saves it at once. */
  update: (patch: DraftPatch | ((current: ReportDraft) => DraftPatch)) => void
  /** Forgets the draft after a successful submit; the next one gets a new requestId. */
  clear: () => void
}

export function useDraft(): DraftState {
  const [draft, setDraft] = useState<ReportDraft>(readStoredDraft)
  // The latest draft, so that updates arriving together (several uploads finishing) build on each other.
  const latest = useRef(draft)

  const update = useCallback((patch: DraftPatch | ((current: ReportDraft) => DraftPatch)) => {
    const change = typeof patch === 'function' ? patch(latest.current) : patch
    const next: ReportDraft = { ...latest.current, ...change }
    latest.current = next
    try {
      Taro.setStorageSync(draftStorageKey, next)
    } catch {
      // Storage full or unavailable: the draft still lives in memory for this visit.
    }
    setDraft(next)
  }, [])

  const clear = useCallback(() => {
    try {
      Taro.removeStorageSync(draftStorageKey)
    } catch {
      // nothing stored
    }
    const next = emptyDraft()
    latest.current = next
    setDraft(next)
  }, [])

  return { draft, update, clear }
}
