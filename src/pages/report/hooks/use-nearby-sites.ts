import { useEffect, useState } from 'react'
import type { ActionOutput } from '@/domain/contract'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { ReportDraft } from '@/hooks/use-draft'
import { useQuery } from '@/hooks/use-query'
import { draftPoint } from '../report-draft'

export type SiteSuggestion = ActionOutput<'site.nearby'>['items'][number]

export interface NearbySites {
  items: SiteSuggestion[]
  /** The site the reporter picked (optional): the report is filed under it once sent. */
  chosenId: string | undefined
  choose: (siteId: string | undefined) => void
}

/** Registered sites (工地、企业、餐饮…) near the draft's place, suggested once the place stops changing. */
export function useNearbySites(draft: ReportDraft): NearbySites {
  const point = useDebouncedValue(draftPoint(draft) ?? null, 500)
  const nearby = useQuery(
    'site.nearby',
    { location: point ?? { lng: 0, lat: 0 } },
    { enabled: point !== null },
  )
  const [chosenId, choose] = useState<string | undefined>(undefined)
  const items = point ? (nearby.data?.items ?? []) : []
  // A pick that is no longer near the place is dropped.
  useEffect(() => {
    if (chosenId && nearby.data && !nearby.data.items.some((item) => item.id === chosenId)) choose(undefined)
  }, [nearby.data, chosenId])
  return { items, chosenId, choose }
}
