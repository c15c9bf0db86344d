import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionInput } from '@/domain/contract'
import { describeIssues } from '@/domain/shared/contract-kit'
import {
  supervisionNoteKindLabels,
  supervisionNoteKinds,
  supervisionInputs,
  type SupervisionNoteKind,
} from '@/domain/supervision/inputs'
import { FieldError } from '@/components/field-error'
import { Dialog } from '@/components/nut/dialog'
import { RadioGroup } from '@/components/nut/radio-group'
import { TextArea } from '@/components/nut/textarea'
import { useAction } from '@/hooks/use-action'
import { isApiError } from '@/services/api'
import { newRequestId } from '@/utils/request-id'

/** Whose record a note goes on: a grid (a street from its bulletin, or a case's grid), and the case if any. */
export interface NoteTarget {
  gridId: string
  gridName: string
  caseId?: string
  caseNo?: string
}

interface NoteForm {
  /** Made when the dialog opens and kept by every retry, so a retried save records the note once. */
  requestId: string
  kind: SupervisionNoteKind | ''
  note: string
}

const kindOptions = supervisionNoteKinds.map((kind) => ({
  value: kind,
  label: supervisionNoteKindLabels[kind],
}))
const noteInput = supervisionInputs['supervision.note']

function payloadOf(target: NoteTarget, form: NoteForm): ActionInput<'supervision.note'> {
  return {
    requestId: form.requestId,
    gridId: target.gridId,
    kind: form.kind as SupervisionNoteKind,
    note: form.note,
    ...(target.caseId ? { caseId: target.caseId } : {}),
  }
}

/**
 * 记一笔: an accountability note (约谈, 通报, 督促提醒) on a grid's record, which the next morning's bulletin
 * of its street carries. Checked with the action's own schema before it is sent.
 */
export function NoteDialog({
  target,
  onClose,
  onSaved,
}: {
  target: NoteTarget | null
  onClose: () => void
  onSaved: () => void
}) {
  const [form, setForm] = useState<NoteForm>(() => ({ requestId: newRequestId(), kind: '', note: '' }))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = useAction('supervision.note')
  const close = () => {
    setForm({ requestId: newRequestId(), kind: '', note: '' })
    setErrors({})
    onClose()
  }
  /** The dialog's confirm: resolves to close it, rejects to keep it open with the reasons shown. */
  const confirm = async () => {
    if (!target || save.running) throw new Error('not ready')
    const parsed = noteInput.safeParse(payloadOf(target, form))
    if (!parsed.success) {
      setErrors(describeIssues(parsed.error))
      throw new Error('form incomplete')
    }
    try {
      await save.run(parsed.data)
    } catch (error) {
      // The form and its request id stay: 保存 again retries the same note.
      if (isApiError(error) && error.fields) setErrors(error.fields)
      Taro.showToast({ title: isApiError(error) ? error.message : '保存失败，请重试', icon: 'none' })
      throw error
    }
    Taro.showToast({ title: '已记入该网格的督查记录', icon: 'success' })
    onSaved()
  }
  return (
    <Dialog
      className="bg-note-dialog"
      visible={target !== null}
      title="记入督查记录"
      confirmText={save.running ? '保存中…' : '保存'}
      cancelText="取消"
      closeOnOverlayClick={false}
      onConfirm={confirm}
      onCancel={close}
      onClose={close}
    >
      {target ? (
        <View className="bg-note-form">
          <Text className="bg-note-form__target">
            {target.caseNo ? `${target.gridName} · 问题 ${target.caseNo}` : target.gridName}
          </Text>
          <RadioGroup
            className="bg-note-form__kinds bg-note-kinds"
            shape="button"
            direction="horizontal"
            value={form.kind}
            options={kindOptions}
            onChange={(value) => {
              setForm((current) => ({ ...current, kind: String(value) as SupervisionNoteKind }))
              setErrors(({ kind: _kind, ...rest }) => rest)
            }}
          />
          <FieldError field="kind" message={errors.kind} />
          <TextArea
            className="bg-note-form__text bg-note-text"
            value={form.note}
            maxLength={500}
            placeholder="如：约谈网格长，要求三日内完成整改并书面说明"
            onChange={(value) => {
              setForm((current) => ({ ...current, note: value }))
              setErrors(({ note: _note, ...rest }) => rest)
            }}
          />
          <FieldError field="note" message={errors.note} />
          <FieldError field="gridId" message={errors.gridId} />
        </View>
      ) : null}
    </Dialog>
  )
}
