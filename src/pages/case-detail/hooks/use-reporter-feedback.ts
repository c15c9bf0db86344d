import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CaseView } from '@/domain/contract'
import { useAction } from '@/hooks/use-action'
import { useFieldErrors } from '@/hooks/use-field-errors'
import { isApiError } from '@/services/api'

export type FeedbackMode = 'confirm' | 'dispute'

/** The reporter's answer to a verified fix: checked here, confirmed in a modal, then sent. */
export function useReporterFeedback(item: CaseView, onDone: (next: CaseView) => void) {
  const [mode, setMode] = useState<FeedbackMode>('confirm')
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const { errors, setErrors } = useFieldErrors()
  const confirm = useAction('case.confirm')
  const dispute = useAction('case.dispute')
  const running = confirm.running || dispute.running

  const send = async () => {
    if (running) return
    if (mode === 'confirm' && rating < 1) {
      setErrors({ rating: '请为处理结果打分（1–5星）' })
      return
    }
    if (mode === 'dispute' && !reason.trim()) {
      setErrors({ reason: '请写明不满意的原因' })
      return
    }
    setErrors({})
    const answer = await Taro.showModal(
      mode === 'confirm'
        ? {
            title: '确认结案',
            content: `您给处理结果打了${rating}星，确认后问题结案。`,
            confirmText: '确认结案',
          }
        : {
            title: '提出异议',
            content: item.disputeCount >= 2 ? '问题将重新办理，并转督查室跟进。' : '问题将退回网格重新办理。',
            confirmText: '提交异议',
          },
    )
    if (!answer.confirm) return
    try {
      const result =
        mode === 'confirm'
          ? await confirm.run({ caseId: item.id, rating, comment })
          : await dispute.run({ caseId: item.id, reason })
      Taro.showToast({
        title: mode === 'confirm' ? '已确认结案，感谢您的评价' : '已提交异议，问题将重新办理',
        icon: 'none',
        duration: 2500,
      })
      onDone(result.case)
    } catch (error) {
      if (isApiError(error) && error.fields) setErrors(error.fields)
      Taro.showToast({
        title: isApiError(error) ? error.message : '提交失败，请重试',
        icon: 'none',
        duration: 2500,
      })
    }
  }

  return {
    mode,
    setMode,
    rating,
    setRating,
    comment,
    setComment,
    reason,
    setReason,
    errors,
    running,
    send,
  }
}
