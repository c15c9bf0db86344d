import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '@/domain/contract'
import { shippedSettings } from '@/domain/settings'
import { CategoryPicker } from '@/components/category-picker'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import { Switch } from '@/components/nut/switch'
import { TextArea } from '@/components/nut/textarea'
import { useAction } from '@/hooks/use-action'
import { usePrivacyGate } from '@/hooks/use-privacy-gate'
import { PrivacySheet } from '@/components/privacy-sheet'
import { isApiError } from '@/services/api'
import { routes } from '@/utils/routes'
import { PlaceSection } from '@/pages/report/components/place-section'
import { emptyHotlineForm, hotlineFormErrors, buildHotlinePayload, type HotlineForm } from './hotline-form'
import '../../../pages/report/index.scss'
import './index.scss'

type Filed = ActionOutput<'hotline.record'>['case']

/**
 * 来电登记: the district office's operator enters a caller's complaint (12369 / 生态环境信访投诉举报) as a case
 * with source "hotline". The caller's number is kept for the handling staff only; the case number is shown
 * large, to read back to the caller before hanging up.
 */
export default function HotlinePage() {
  const [form, setForm] = useState<HotlineForm>(emptyHotlineForm)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [filed, setFiled] = useState<Filed | null>(null)
  const record = useAction('hotline.record')
  const privacy = usePrivacyGate()
  const update = (patch: Partial<HotlineForm>) => setForm((current) => ({ ...current, ...patch }))
  const clear = (...fields: string[]) =>
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !fields.includes(key))),
    )

  const send = async () => {
    if (record.running) return
    const local = hotlineFormErrors(form)
    setErrors(local)
    if (Object.keys(local).length > 0) {
      Taro.showToast({ title: '请按提示补全后再登记', icon: 'none' })
      return
    }
    try {
      const result = await record.run(buildHotlinePayload(form))
      setFiled(result.case)
    } catch (error) {
      // The form (and its request id) stays: pressing 登记 again retries the same call.
      if (isApiError(error) && error.fields) setErrors(error.fields)
      Taro.showToast({ title: isApiError(error) ? error.message : '登记失败，请重试', icon: 'none' })
    }
  }

  if (filed) {
    return (
      <View className="bg-page bg-hotline">
        <View className="bg-section bg-hotline__filed">
          <Text className="bg-section__title">已登记，请向来电人复述编号</Text>
          <Text className="bg-hotline__case-no" id="bg-hotline-case-no">
            {filed.caseNo}
          </Text>
          <Text className="bg-section__note">{`已转办至${filed.grid.label}，来电人可凭此编号查询办理进度。`}</Text>
        </View>
        <View className="bg-hotline__footer">
          <Button
            className="bg-hotline__next"
            type="primary"
            size="large"
            block
            onClick={() => {
              setFiled(null)
              setErrors({})
              setForm(emptyHotlineForm())
            }}
          >
            登记下一个来电
          </Button>
          <Text
            className="bg-hotline__link"
            onClick={() => void Taro.navigateTo({ url: routes.caseDetail(filed.id) })}
          >
            查看该问题
          </Text>
        </View>
      </View>
    )
  }

  return (
    <View className="bg-page bg-hotline">
      <View className="bg-section">
        <Text className="bg-section__title">来电人</Text>
        <View className="bg-report__input-row">
          <Text className="bg-report__input-label">称呼</Text>
          <Input
            className="bg-report__input bg-caller-name"
            value={form.callerName}
            maxlength={20}
            placeholder="如 王先生（选填）"
            onInput={(event) => update({ callerName: event.detail.value })}
          />
        </View>
        <FieldError field="callerName" message={errors.callerName} />
        <View className="bg-report__input-row">
          <Text className="bg-report__input-label">电话</Text>
          <Input
            className="bg-report__input bg-caller-phone"
            type="number"
            value={form.callerPhone}
            maxlength={20}
            placeholder="来电号码，便于回访"
            onInput={(event) => {
              update({ callerPhone: event.detail.value })
              clear('callerPhone')
            }}
          />
        </View>
        <FieldError field="callerPhone" message={errors.callerPhone} />
        <Text className="bg-section__note">来电人信息只有办理该问题的工作人员可见。</Text>
      </View>

      <View className="bg-section">
        <Text className="bg-section__title">问题类别</Text>
        <CategoryPicker
          categories={shippedSettings.categories.categories}
          categoryId={form.categoryId}
          checkId={form.checkId}
          onChange={(choice) => {
            update(choice)
            clear('categoryId', ...(choice.checkId ? ['checkId'] : []))
          }}
          errors={{ categoryId: errors.categoryId, checkId: errors.checkId }}
        />
      </View>

      <View className="bg-section">
        <Text className="bg-section__title">来电反映的问题</Text>
        <TextArea
          className="bg-report__textarea bg-hotline-description"
          value={form.description}
          maxLength={500}
          showCount
          autoSize
          placeholder="按来电人所述记录：什么问题、持续多久、有无照片或其他线索"
          onChange={(value) => {
            update({ description: value })
            clear('description')
          }}
        />
        <FieldError field="description" message={errors.description} />
      </View>

      <PlaceSection value={form} onChange={update} errors={errors} onFixed={clear} gate={privacy.run} />

      <View className="bg-section">
        <View className="bg-row">
          <Text className="bg-row__label">重大或突发</Text>
          <Switch checked={form.major} onChange={(value) => update({ major: value })} />
        </View>
        <Text className="bg-section__note">重大或突发问题会同时报区级办公室。</Text>
      </View>

      <View className="bg-hotline__footer">
        <Button
          className="bg-hotline__submit"
          id="bg-hotline-submit"
          type="primary"
          size="large"
          block
          loading={record.running}
          disabled={record.running}
          onClick={() => void send()}
        >
          登记
        </Button>
      </View>
      <PrivacySheet {...privacy.sheet} />
    </View>
  )
}
