import Taro from '@tarojs/taro'
import { useState } from 'react'
import { submitCaseInputSchema } from '@/domain/case/inputs'
import { useAction } from '@/hooks/use-action'
import type { ReportDraft } from '@/hooks/use-draft'
import { useFieldErrors } from '@/hooks/use-field-errors'
import { askForCaseUpdatesInTap, noSubscriptionAsked } from '@/services/subscriptions'
import { call, isApiError } from '@/services/api'
import { routes } from '@/utils/routes'
import { buildSubmitPayload, locationIssues, submitFieldErrors } from '../report-draft'

export interface ReportSubmit {
  /** Sends the draft; call straight from the tap (the subscription request must be inside it). */
  send: () => Promise<void>
  running: boolean
  errors: Record<string, string>
  clearErrors: (...keys: string[]) => void
  /** Why the last submit failed, when it was not the form's fault. */
  submitError: string | undefined
  /** Forgets the messages, e.g. once the draft is cleared. */
  forget: () => void
}

/** Submitting a report: local checks first, then the server; the draft stays until the server took it. */
export function useReportSubmit(
  draft: ReportDraft,
  clearDraft: () => void,
  photosBusy: boolean,
  /** A registered site the reporter picked: the case is filed under it once in (best effort). */
  siteId?: string,
): ReportSubmit {
  const submit = useAction('case.submit')
  const { errors, setErrors, clearErrors } = useFieldErrors()
  const [submitError, setSubmitError] = useState<string | undefined>(undefined)

  const send = async () => {
    if (submit.running) return
    if (photosBusy) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
      return
    }
    // Asked inside the tap, before anything is awaited, and only for a report that will be sent: a form still
    // missing something is refused before any request.
    const payload = buildSubmitPayload(draft)
    const subscription = submitCaseInputSchema.safeParse(payload).success
      ? askForCaseUpdatesInTap()
      : noSubscriptionAsked
    setSubmitError(undefined)
    const localIssues = locationIssues(draft)
    try {
      const result = await submit.run(payload)
      setErrors({})
      clearDraft()
      await subscription.recordAccepted()
      // Filing the case under the picked site is a second act; should it fail, the report stands without it.
      if (siteId && !result.replayed)
        await call('case.linkSite', { caseId: result.case.id, siteId }).catch(() => undefined)
      Taro.showToast({ title: result.replayed ? '该举报已提交过' : '提交成功', icon: 'success' })
      void Taro.redirectTo({ url: routes.caseDetail(result.case.id) })
    } catch (error) {
      // The draft (and its requestId) stays as it is: pressing 提交 again retries the same report.
      if (isApiError(error) && error.fields) {
        setErrors(submitFieldErrors(error.fields, localIssues))
        Taro.showToast({ title: '请按提示修改后再提交', icon: 'none' })
        return
      }
      const message = isApiError(error) ? error.message : '提交失败，请重试'
      setSubmitError(message)
      if (isApiError(error) && error.code === 'not-signed-in') {
        const answer = await Taro.showModal({
          title: '请先登录',
          content: '登录后再提交，已填写的内容会保留',
          confirmText: '去登录',
        })
        if (answer.confirm) void Taro.switchTab({ url: routes.me })
        return
      }
      Taro.showToast({ title: message, icon: 'none', duration: 2500 })
    }
  }

  const forget = () => {
    setErrors({})
    setSubmitError(undefined)
  }

  return { send, running: submit.running, errors, clearErrors, submitError, forget }
}
