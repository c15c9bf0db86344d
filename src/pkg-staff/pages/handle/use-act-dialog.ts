import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CaseView } from '@/domain/contract'
import type { PhotoTile } from '@/components/photo-grid'
import { useCaseAct } from '@/hooks/use-case-act'
import { usePhotoUploads } from '@/hooks/use-photo-uploads'
import { usePrivacyConsent } from '@/hooks/use-privacy-consent'
import { isApiError, photoUrl } from '@/services/api'
import { askForCaseUpdatesInTap, noSubscriptionAsked } from '@/services/subscriptions'
import { emptyForm, formIssues, type ActForm } from '../../components/action-form/form'
import type { ActSpec } from './actions'

/** Field messages from the server, keyed as the form shows them. */
function formErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const key = path.startsWith('photos') ? 'photos' : path.startsWith('openids') ? 'openids' : path
    if (!out[key]) out[key] = message
  }
  return out
}

/**
 * The act modal of the handling page: which act is open, its form and photos, and the confirm that sends
 * it. `updated` gets the case as the server answered; `refresh` reloads it after a refusal.
 */
export function useActDialog(updated: (next: CaseView) => void, refresh: () => void) {
  const act = useCaseAct()
  const [open, setOpen] = useState<ActSpec | null>(null)
  const [form, setForm] = useState<ActForm>(emptyForm)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const uploads = usePhotoUploads((fileID) =>
    setForm((current) => ({ ...current, photos: [...current.photos, fileID].slice(0, 9) })),
  )
  const privacy = usePrivacyConsent(() => Taro.showToast({ title: '需要您同意后才能拍照上传', icon: 'none' }))

  const tiles: PhotoTile[] = [
    ...form.photos.map((fileID) => ({ key: fileID, url: photoUrl(fileID) })),
    ...uploads.pending.map((pending) => ({
      key: pending.key,
      url: pending.localPath,
      progress: pending.progress,
      error: pending.error,
    })),
  ]
  const room = 9 - form.photos.length - uploads.pending.length

  const start = (spec: ActSpec) => {
    setForm(emptyForm())
    setErrors({})
    for (const pending of uploads.pending) uploads.discard(pending.key)
    setOpen(spec)
  }
  const close = () => setOpen(null)

  const change = (patch: Partial<ActForm>) => {
    setForm((current) => ({ ...current, ...patch }))
    if (Object.keys(errors).length) setErrors({})
  }
  const removePhoto = (key: string) =>
    form.photos.includes(key)
      ? setForm((current) => ({ ...current, photos: current.photos.filter((photo) => photo !== key) }))
      : uploads.discard(key)
  const addPhoto = room > 0 ? () => privacy.guard(() => void uploads.pick(room)) : undefined

  /** The modal's confirm: resolves to close it, rejects to keep it open (the form needs fixing). */
  const confirm = async (caseId: string) => {
    const spec = open
    if (!spec) return
    if (uploads.busy) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
      throw new Error('uploading')
    }
    const issues = formIssues(spec, form)
    if (Object.keys(issues).length) {
      setErrors(issues)
      throw new Error('form incomplete')
    }
    // A claim asks, inside the confirm tap, for WeChat notices of the case's later steps.
    const subscription = spec.key === 'claim' ? askForCaseUpdatesInTap() : noSubscriptionAsked
    try {
      const next = await spec.send(act.run, caseId, form)
      await subscription.recordAccepted()
      setErrors({})
      Taro.showToast({ title: spec.done(next), icon: 'none', duration: 2500 })
      updated(next)
    } catch (error) {
      const message = isApiError(error) ? error.message : '操作失败，请重试'
      if (isApiError(error) && error.code === 'invalid-input') {
        setErrors(error.fields ? formErrors(error.fields) : { note: message })
        Taro.showToast({ title: message, icon: 'none', duration: 2500 })
        throw error
      }
      // Refused (not yours, already claimed, wrong status…): say so, close, and show the case as it now is.
      Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      refresh()
    }
  }

  return {
    open,
    form,
    errors,
    tiles,
    start,
    close,
    change,
    removePhoto,
    addPhoto,
    retryPhoto: uploads.retry,
    confirm,
    privacy,
  }
}
