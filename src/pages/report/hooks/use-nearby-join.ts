import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { NearbyCase } from '@/components/nearby-cases'
import { useAction } from '@/hooks/use-action'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { ReportDraft } from '@/hooks/use-draft'
import { useQuery } from '@/hooks/use-query'
import { isApiError } from '@/services/api'
import { routes } from '@/utils/routes'
import { draftPoint } from '../report-draft'

export interface NearbyJoin {
  items: NearbyCase[]
  radiusMeters: number
  joiningId: string | undefined
  /** Follows an open case instead of reporting it again, after the person confirms. */
  join: (item: NearbyCase) => Promise<void>
}

/**
 * Open cases of the same category near the draft's place, looked up once the place stops changing, and joining
 * one of them instead of sending a second report.
 */
export function useNearbyJoin(draft: ReportDraft, onJoined: () => void): NearbyJoin {
  const point = draftPoint(draft)
  const input = useDebouncedValue(
    draft.categoryId && point ? { categoryId: draft.categoryId, location: point } : null,
    500,
  )
  const nearby = useQuery('case.nearby', input ?? { categoryId: '', location: { lng: 0, lat: 0 } }, {
    enabled: input !== null,
  })
  const joinAction = useAction('case.join')
  const [joiningId, setJoiningId] = useState<string | undefined>(undefined)

  const join = async (item: NearbyCase) => {
    if (joiningId) return
    const answer = await Taro.showModal({
      title: '附议此问题',
      content: `附议后本次填写的内容不再单独提交，“${item.checkName}”的处理进度会通知您。确定附议吗？`,
      confirmText: '附议',
    })
    if (!answer.confirm) return
    setJoiningId(item.id)
    try {
      // Where the person is reporting from: a join from near the case earns points.
      const result = await joinAction.run({ caseId: item.id, ...(point ? { location: point } : {}) })
      onJoined()
      Taro.showToast({ title: '已附议，处理进度会通知您', icon: 'none', duration: 2000 })
      void Taro.redirectTo({ url: routes.caseDetail(result.case.id) })
    } catch (error) {
      Taro.showToast({
        title: isApiError(error) ? error.message : '附议失败，请重试',
        icon: 'none',
        duration: 2500,
      })
      void nearby.reload()
    } finally {
      setJoiningId(undefined)
    }
  }

  return {
    items: input && nearby.data ? nearby.data.items : [],
    radiusMeters: nearby.data?.radiusMeters ?? 0,
    joiningId,
    join,
  }
}
