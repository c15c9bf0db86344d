import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { shippedSettings } from '@/domain/settings'
import { CategoryPicker } from '@/components/category-picker'
import { FieldError } from '@/components/field-error'
import { NearbyCases } from '@/components/nearby-cases'
import { Button } from '@/components/nut/button'
import { Switch } from '@/components/nut/switch'
import { TextArea } from '@/components/nut/textarea'
import { PhotoField } from '@/components/photo-field'
import { PrivacySheet } from '@/components/privacy-sheet'
import { useDraft } from '@/hooks/use-draft'
import { usePrivacyGate } from '@/hooks/use-privacy-gate'
import { photoUrl, uploadPhoto } from '@/services/api'
import { routes } from '@/utils/routes'
import { PlaceSection } from './components/place-section'
import { SiteSuggestions } from './components/site-suggestions'
import { useNearbyJoin } from './hooks/use-nearby-join'
import { useNearbySites } from './hooks/use-nearby-sites'
import { useReportSubmit } from './hooks/use-report-submit'
import './index.scss'

const maxPhotos = 9
const maxDescription = 500

export default function ReportPage() {
  const { draft, update, clear } = useDraft()
  const [photosBusy, setPhotosBusy] = useState(false)
  const sites = useNearbySites(draft)
  const report = useReportSubmit(draft, clear, photosBusy, sites.chosenId)
  const nearby = useNearbyJoin(draft, () => {
    clear()
    report.forget()
  })
  const privacy = usePrivacyGate(() =>
    Taro.showToast({
      title: '需要您同意后才能拍照和获取位置，也可以手动填写位置',
      icon: 'none',
      duration: 2500,
    }),
  )
  const { errors, clearErrors } = report

  return (
    <View className="bg-page bg-report">
      <View className="bg-section">
        <Text className="bg-section__title">现场照片</Text>
        <PhotoField
          value={draft.photos}
          onChange={(photos) => update({ photos })}
          upload={uploadPhoto}
          photoUrl={photoUrl}
          max={maxPhotos}
          gate={privacy.run}
          onBusyChange={setPhotosBusy}
        />
        <Text className="bg-section__note">请拍摄能看清问题的照片，1–9 张</Text>
        <FieldError field="photos" message={errors.photos} />
      </View>

      <View className="bg-section">
        <Text className="bg-section__title">问题类别</Text>
        <CategoryPicker
          categories={shippedSettings.categories.categories}
          categoryId={draft.categoryId}
          checkId={draft.checkId}
          onChange={(choice) => {
            update(choice)
            clearErrors('categoryId', ...(choice.checkId ? ['checkId'] : []))
          }}
          errors={{ categoryId: errors.categoryId, checkId: errors.checkId }}
        />
      </View>

      <View className="bg-section">
        <Text className="bg-section__title">问题描述（选填）</Text>
        <TextArea
          className="bg-report__textarea bg-description-input"
          value={draft.description}
          maxLength={maxDescription}
          showCount
          autoSize
          placeholder="简单说说看到了什么，例如：渣土车未冲洗驶出工地，路面有泥痕"
          onChange={(value) => {
            update({ description: value })
            clearErrors('description')
          }}
        />
        <FieldError field="description" message={errors.description} />
      </View>

      <PlaceSection
        value={draft}
        onChange={update}
        errors={errors}
        onFixed={clearErrors}
        gate={privacy.run}
      />

      <SiteSuggestions items={sites.items} chosenId={sites.chosenId} onChoose={sites.choose} />

      <View className="bg-section">
        <View className="bg-row">
          <Text className="bg-row__label">匿名举报</Text>
          <Switch
            className="bg-anonymous-switch"
            checked={draft.anonymous}
            onChange={(value) => update({ anonymous: value })}
          />
        </View>
        <Text className="bg-section__note">匿名举报时网格工作人员看不到您的身份，但匿名举报不计积分。</Text>
      </View>

      <NearbyCases
        items={nearby.items}
        radiusMeters={nearby.radiusMeters}
        thumbUrl={(item) => (item.photos[0] ? photoUrl(item.photos[0]) : undefined)}
        joiningId={nearby.joiningId}
        onJoin={(item) => void nearby.join(item)}
        onOpen={(item) => void Taro.navigateTo({ url: routes.caseDetail(item.id) })}
      />

      {report.submitError ? (
        <View className="bg-report__submit-error bg-submit-error">
          <Text>{`${report.submitError}。草稿已保存，可再次点击“提交”重试。`}</Text>
        </View>
      ) : null}

      <View className="bg-report__footer">
        <Button
          className="bg-report__submit bg-report-submit"
          id="bg-report-submit"
          type="primary"
          size="large"
          block
          loading={report.running}
          disabled={report.running}
          onClick={() => void report.send()}
        >
          {nearby.items.some((item) => !item.isMine && !item.isFollowing)
            ? '不是同一个问题，提交新举报'
            : '提交'}
        </Button>
        <Text
          className="bg-report__link bg-report__clear bg-clear-draft"
          onClick={() => {
            void Taro.showModal({ title: '清空草稿', content: '确定清空已填写的内容和照片吗？' }).then(
              (answer) => {
                if (answer.confirm) {
                  clear()
                  report.forget()
                }
              },
            )
          }}
        >
          清空草稿
        </Text>
        <Text
          className="bg-report__link bg-report__privacy"
          onClick={() => void Taro.navigateTo({ url: routes.privacy })}
        >
          隐私说明：我们保存什么、为什么
        </Text>
      </View>

      <PrivacySheet {...privacy.sheet} />
    </View>
  )
}
