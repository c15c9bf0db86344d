import Taro from '@tarojs/taro'
import type { CaseView } from '@/domain/contract'
import { useAction } from '@/hooks/use-action'
import { isApiError } from '@/services/api'

/** Following someone else's open case (附议), after the person confirms. */
export function useJoinCase(onJoined: (next: CaseView) => void) {
  const join = useAction('case.join')

  const run = async (caseId: string) => {
    const answer = await Taro.showModal({
      title: '附议此问题',
      content: '附议后，这个问题的处理进度会通知您。',
      confirmText: '附议',
    })
    if (!answer.confirm) return
    try {
      const result = await join.run({ caseId })
      Taro.showToast({ title: '已附议，处理进度会通知您', icon: 'none' })
      onJoined(result.case)
    } catch (error) {
      Taro.showToast({
        title: isApiError(error) ? error.message : '附议失败，请重试',
        icon: 'none',
        duration: 2500,
      })
    }
  }

  return { run, running: join.running }
}
