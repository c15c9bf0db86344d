import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { SiteView } from '@/domain/contract'
import { shippedSettings } from '@/domain/settings'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import { PrivacySheet } from '@/components/privacy-sheet'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useFieldErrors } from '@/hooks/use-field-errors'
import { usePrivacyGate } from '@/hooks/use-privacy-gate'
import { useQuery } from '@/hooks/use-query'
import { isApiError, messageOf } from '@/services/api'
import { decodedParam, routes } from '@/utils/routes'
import { PlaceSection } from '@/pages/report/components/place-section'
import { buildSiteFields, emptySiteForm, siteFormErrors, siteFormOf, type SiteForm } from './site-form'
import '../../../pages/report/index.scss'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const siteTypes = shippedSettings.sites.types

type TextField = 'name' | 'creditCode' | 'responsibleUnit' | 'contactName' | 'contactPhone'
// Plain text throughout: a phone number may carry an area code's dash (0371-…), which a number keyboard lacks.
const textFields: { field: TextField; label: string; placeholder: string; max: number }[] = [
  { field: 'name', label: '名称', placeholder: '如 映月路安置房工地', max: 60 },
  { field: 'creditCode', label: '信用代码', placeholder: '统一社会信用代码（选填）', max: 18 },
  { field: 'responsibleUnit', label: '责任单位', placeholder: '施工或经营单位（选填）', max: 60 },
  { field: 'contactName', label: '联系人', placeholder: '现场负责人（选填）', max: 20 },
  { field: 'contactPhone', label: '联系电话', placeholder: '如 0371-12345678（选填）', max: 20 },
]

function SiteFormView({ site }: { site?: SiteView }) {
  const [form, setForm] = useState<SiteForm>(() => (site ? siteFormOf(site) : emptySiteForm()))
  const [grid, setGrid] = useState(site?.grid.label ?? '')
  const { errors, setErrors, clearErrors } = useFieldErrors()
  const create = useAction('site.create')
  const change = useAction('site.update')
  const privacy = usePrivacyGate()
  const running = create.running || change.running
  const update = (patch: Partial<SiteForm>) => setForm((current) => ({ ...current, ...patch }))
  const typeIndex = siteTypes.findIndex((type) => type.id === form.type)

  const save = async () => {
    if (running) return
    const local = siteFormErrors(form)
    setErrors(local)
    if (Object.keys(local).length > 0) {
      toast('请按提示补全后再保存')
      return
    }
    try {
      const fields = buildSiteFields(form)
      if (site) {
        const answer = await change.run({ siteId: site.id, ...fields })
        setGrid(answer.site.grid.label)
        toast('已保存')
        void Taro.navigateBack()
      } else {
        const answer = await create.run({ requestId: form.requestId, ...fields })
        setGrid(answer.site.grid.label)
        toast(`已登记，归入${answer.site.grid.name}`)
        void Taro.redirectTo({ url: routes.site(answer.site.id) })
      }
    } catch (error) {
      // The form (and its request id) stays: pressing 保存 again retries the same call.
      if (isApiError(error) && error.fields) setErrors(error.fields)
      toast(messageOf(error))
    }
  }

  return (
    <View className="bg-page bg-site-edit">
      <View className="bg-section">
        <Text className="bg-section__title">{site ? '修改污染源档案' : '新增污染源'}</Text>
        <View className="bg-report__input-row">
          <Text className="bg-report__input-label">类型</Text>
          <Picker
            mode="selector"
            className="bg-site-edit__picker bg-site-type-picker"
            range={siteTypes.map((type) => type.label)}
            value={Math.max(typeIndex, 0)}
            onChange={(event) => {
              const chosen = siteTypes[Number(event.detail.value)]
              if (chosen) update({ type: chosen.id })
              clearErrors('type')
            }}
          >
            <Text
              className={
                typeIndex >= 0 ? 'bg-site-edit__value' : 'bg-site-edit__value bg-site-edit__value--empty'
              }
            >
              {typeIndex >= 0 ? siteTypes[typeIndex]!.label : '请选择类型 ›'}
            </Text>
          </Picker>
        </View>
        <FieldError field="type" message={errors.type} />
        {textFields.map(({ field, label, placeholder, max }) => (
          <View key={field}>
            <View className="bg-report__input-row">
              <Text className="bg-report__input-label">{label}</Text>
              <Input
                className={`bg-report__input bg-site-${field}-input`}
                value={form[field]}
                maxlength={max}
                placeholder={placeholder}
                onInput={(event) => {
                  update({ [field]: event.detail.value })
                  clearErrors(field)
                }}
              />
            </View>
            <FieldError field={field} message={errors[field]} />
          </View>
        ))}
      </View>
      <PlaceSection
        title="污染源位置"
        value={form}
        onChange={update}
        errors={errors}
        onFixed={clearErrors}
        gate={privacy.run}
      />
      <View className="bg-section">
        <Text className="bg-section__note bg-site-edit-grid">
          {grid
            ? `所属网格：${grid}（按位置自动归入，保存后更新）`
            : '所属网格：保存后按位置自动归入所在网格'}
        </Text>
      </View>
      <View className="bg-site-edit__footer">
        <Button
          className="bg-site-edit__submit"
          id="bg-site-save"
          type="primary"
          size="large"
          block
          loading={running}
          disabled={running}
          onClick={() => void save()}
        >
          {site ? '保存修改' : '登记污染源'}
        </Button>
      </View>
      <PrivacySheet {...privacy.sheet} />
    </View>
  )
}

/**
 * A site's form (一企一档): a new site (opened from the list's 新增) or a change to one (from its page's 编辑),
 * every field checked with the contract's schema before it is sent. The grid follows from the place.
 */
export default function SiteEditPage() {
  const { params } = useRouter()
  const siteId = decodedParam(params.site)
  const got = useQuery('site.get', { siteId }, { enabled: siteId !== '' })

  if (!siteId) return <SiteFormView />
  if (!got.data)
    return (
      <View className="bg-page bg-site-edit">
        <StateView loading={got.loading} error={got.error} onRetry={() => void got.reload()} />
      </View>
    )
  return <SiteFormView key={got.data.site.id} site={got.data.site} />
}
