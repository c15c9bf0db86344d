import { Picker, Text, View } from '@tarojs/components'
import { FieldError } from '@/components/field-error'
import { CheckboxGroup } from '@/components/nut/checkbox-group'
import { Input } from '@/components/nut/input'
import { RadioGroup } from '@/components/nut/radio-group'
import { TextArea } from '@/components/nut/textarea'
import { PhotoGrid, type PhotoTile } from '@/components/photo-grid'
import type { DistanceBand } from '@/domain/contract'
import { escalationOptions, measureOptions, rejectOptions, type ActForm, type ActFormSpec } from './form'

export interface MergeCandidate {
  id: string
  caseNo: string
  checkName: string
  statusLabel: string
  distance: DistanceBand
}

export interface HandlerCandidate {
  openid: string
  nickname: string
  roleLabel: string
  where: string
  attached: boolean
}

export interface ActionFormProps {
  spec: ActFormSpec
  form: ActForm
  onChange: (patch: Partial<ActForm>) => void
  errors: Record<string, string>
  /** Photos: the uploaded ones and those still uploading. */
  photoTiles: PhotoTile[]
  onAddPhoto?: () => void
  onRemovePhoto: (key: string) => void
  onRetryPhoto: (key: string) => void
  onPreviewPhoto: (index: number) => void
  /** Open cases of the same category nearby, for 并案. */
  mergeCandidates: MergeCandidate[]
  /** Staff who can be attached for joint enforcement; `loading` while the list is on its way. */
  handlerCandidates: { items: HandlerCandidate[]; loading: boolean }
  /** The first day a supervision deadline may be set to, `YYYY-MM-DD`. */
  today: string
}

/** The fields one act asks for, inside its modal. Controlled: the page owns the form and sends it. */
export function ActionForm({
  spec,
  form,
  onChange,
  errors,
  photoTiles,
  onAddPhoto,
  onRemovePhoto,
  onRetryPhoto,
  onPreviewPhoto,
  mergeCandidates,
  handlerCandidates,
  today,
}: ActionFormProps) {
  return (
    <View className={`bg-act-form bg-act-form-${spec.key}`}>
      <Text className="bg-act-form__hint">{spec.hint}</Text>
      {spec.fields.map((field) => {
        switch (field) {
          case 'measure':
            return (
              <View key={field} className="bg-act-form__field">
                <Text className="bg-act-form__label">处置措施</Text>
                <RadioGroup
                  className="bg-act-form__choices bg-measure-choices"
                  shape="button"
                  direction="horizontal"
                  value={form.measure}
                  options={measureOptions}
                  onChange={(value) => onChange({ measure: String(value) })}
                />
                <FieldError field="measure" message={errors.measure} />
              </View>
            )
          case 'escalation':
          case 'reject':
            return (
              <View key={field} className="bg-act-form__field">
                <Text className="bg-act-form__label">
                  {field === 'reject' ? '不予受理的原因' : '上报原因'}
                </Text>
                <RadioGroup
                  className="bg-act-form__choices bg-reason-choices"
                  shape="button"
                  direction="horizontal"
                  value={form.reason}
                  options={field === 'reject' ? rejectOptions : escalationOptions}
                  onChange={(value) => onChange({ reason: String(value) })}
                />
                <FieldError field="reason" message={errors.reason} />
              </View>
            )
          case 'verdict':
            return (
              <View key={field} className="bg-act-form__field">
                <Text className="bg-act-form__label">核查结果</Text>
                <RadioGroup
                  className="bg-act-form__choices bg-verdict-choices"
                  shape="button"
                  direction="horizontal"
                  value={form.passed === null ? '' : form.passed ? 'pass' : 'fail'}
                  options={[
                    { value: 'pass', label: '通过' },
                    { value: 'fail', label: '未通过，退回整改' },
                  ]}
                  onChange={(value) => onChange({ passed: value === 'pass' })}
                />
                <FieldError field="passed" message={errors.passed} />
              </View>
            )
          case 'note':
            return (
              <View key={field} className="bg-act-form__field">
                <TextArea
                  className="bg-act-form__textarea bg-act-note"
                  value={form.note}
                  maxLength={500}
                  placeholder={spec.notePlaceholder ?? '说明（选填）'}
                  onChange={(value) => onChange({ note: value })}
                />
                <FieldError field="note" message={errors.note ?? errors.reason} />
              </View>
            )
          case 'photos':
            return (
              <View key={field} className="bg-act-form__field">
                <Text className="bg-act-form__label">
                  {spec.key === 'rectify' ? '整改后照片（必填）' : '现场照片（选填）'}
                </Text>
                <PhotoGrid
                  photos={photoTiles}
                  max={9}
                  onAdd={onAddPhoto}
                  onRemove={onRemovePhoto}
                  onRetry={onRetryPhoto}
                  onPreview={onPreviewPhoto}
                />
                <FieldError field="photos" message={errors.photos} />
              </View>
            )
          case 'merge':
            return (
              <View key={field} className="bg-act-form__field">
                <Text className="bg-act-form__label">并入哪个问题</Text>
                {mergeCandidates.length ? (
                  <RadioGroup
                    className="bg-act-form__choices bg-merge-choices"
                    direction="vertical"
                    value={form.intoCaseId}
                    options={mergeCandidates.map((candidate) => ({
                      value: candidate.id,
                      label: `${candidate.caseNo} ${candidate.checkName}（${candidate.statusLabel}，${candidate.distance.label}）`,
                    }))}
                    onChange={(value) => onChange({ intoCaseId: String(value) })}
                  />
                ) : (
                  <Text className="bg-act-form__note">附近没有同类的未办结问题，可填写问题ID。</Text>
                )}
                <Input
                  className="bg-act-form__input bg-merge-input"
                  value={form.intoCaseId}
                  placeholder="或填写要并入的问题ID"
                  onChange={(value) => onChange({ intoCaseId: value.trim() })}
                />
                <FieldError field="intoCaseId" message={errors.intoCaseId} />
              </View>
            )
          case 'deadline':
            return (
              <View key={field} className="bg-act-form__field">
                <Picker
                  mode="date"
                  className="bg-deadline-picker"
                  value={form.deadlineDate || today}
                  start={today}
                  onChange={(event) => onChange({ deadlineDate: String(event.detail.value) })}
                >
                  <View className="bg-act-form__picker">
                    <Text className="bg-act-form__label">督办期限</Text>
                    <Text className="bg-act-form__value">
                      {form.deadlineDate ? `${form.deadlineDate} 18:00 前` : '请选择日期 ›'}
                    </Text>
                  </View>
                </Picker>
                <FieldError field="deadlineAt" message={errors.deadlineAt} />
              </View>
            )
          case 'openids': {
            const choosable = handlerCandidates.items.filter((candidate) => !candidate.attached)
            const alreadyIn = handlerCandidates.items.filter((candidate) => candidate.attached)
            return (
              <View key={field} className="bg-act-form__field">
                <Text className="bg-act-form__label">参与联合执法的人员</Text>
                {choosable.length ? (
                  <CheckboxGroup
                    className="bg-act-form__choices bg-handler-choices"
                    direction="vertical"
                    value={form.handlers}
                    options={choosable.map((candidate) => ({
                      value: candidate.openid,
                      label: `${candidate.nickname}（${candidate.roleLabel}${candidate.where ? `，${candidate.where}` : ''}）`,
                      disabled: false,
                      onChange: () => undefined,
                    }))}
                    onChange={(value) => onChange({ handlers: value.map(String) })}
                  />
                ) : (
                  <Text className="bg-act-form__note">
                    {handlerCandidates.loading
                      ? '正在载入可增派的人员…'
                      : '本网格及上级暂无可增派的人员，可填写人员账号。'}
                  </Text>
                )}
                {alreadyIn.length ? (
                  <Text className="bg-act-form__note">
                    已在联合执法名单中：{alreadyIn.map((candidate) => candidate.nickname).join('、')}
                  </Text>
                ) : null}
                <Input
                  className="bg-act-form__input bg-openids-input"
                  value={form.openidsText}
                  placeholder="名单外的人员：填写账号，逗号分隔"
                  onChange={(value) => onChange({ openidsText: value })}
                />
                <FieldError field="openids" message={errors.openids} />
              </View>
            )
          }
          default:
            return null
        }
      })}
    </View>
  )
}
