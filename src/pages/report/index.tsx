import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { categories } from '@/domain/case/categories'
import { submitCaseInputSchema, type SubmitCaseInput } from '@/domain/contract'
import { CategoryPicker } from '@/components/category-picker'
import { FieldError } from '@/components/field-error'
import { NearbyCases, type NearbyCase } from '@/components/nearby-cases'
import { Button } from '@/components/nut/button'
import { Switch } from '@/components/nut/switch'
import { TextArea } from '@/components/nut/textarea'
import { PhotoGrid, type PhotoTile } from '@/components/photo-grid'
import { PrivacySheet } from '@/components/privacy-sheet'
import { useAction } from '@/hooks/use-action'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import { useDraft, type ReportDraft } from '@/hooks/use-draft'
import { usePhotoUploads } from '@/hooks/use-photo-uploads'
import { usePrivacyConsent } from '@/hooks/use-privacy-consent'
import { useQuery } from '@/hooks/use-query'
import { supportsDevLogin } from '@/platform/dev-login'
import { chooseOnMap, supportsMapPicker } from '@/platform/location'
import { requestCaseUpdates } from '@/platform/subscribe'
import { isApiError, photoUrl } from '@/services/api'
import { routes } from '@/utils/routes'
import './index.scss'

const maxPhotos = 9
const maxDescription = 500

/**
 * A demo point inside 映月路社区第1网格 of the emulator's demo grid tree (emulator/demo/grids.ts, demoPoints),
 * offered only where the dev login exists, i.e. in the emulator.
 */
export const demoLocation = { lng: 113.6925, lat: 34.7288, address: '映月路社区第1网格（示例位置）' }

function parseCoordinate(text: string): number | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : Number.NaN
}

/** Problems with the place that the schema alone would word poorly. */
function locationIssues(draft: ReportDraft): Record<string, string> {
  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  if (lng === undefined && lat === undefined) return { location: '请获取当前位置、在地图上选择或填写经纬度' }
  const issues: Record<string, string> = {}
  if (lng === undefined || Number.isNaN(lng)) issues['location.lng'] = '请填写正确的经度，如 113.6925'
  if (lat === undefined || Number.isNaN(lat)) issues['location.lat'] = '请填写正确的纬度，如 34.7288'
  return issues
}

export function buildSubmitPayload(draft: ReportDraft): SubmitCaseInput {
  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  return {
    requestId: draft.requestId,
    categoryId: draft.categoryId,
    checkId: draft.checkId,
    description: draft.description,
    photos: draft.photos,
    // A missing place is reported by locationIssues; the schema check then refuses the payload before sending.
    location: { lng: lng ?? Number.NaN, lat: lat ?? Number.NaN },
    accuracyMeters: draft.accuracyMeters,
    address: draft.address,
    anonymous: draft.anonymous,
    channel: 'resident',
  }
}

/** The place of a draft when both coordinates read as numbers, rounded to about a metre (for the nearby lookup). */
export function draftPoint(draft: ReportDraft): { lng: number; lat: number } | undefined {
  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  if (lng === undefined || lat === undefined || Number.isNaN(lng) || Number.isNaN(lat)) return undefined
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return undefined
  return { lng: Math.round(lng * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5 }
}

/** Field errors keyed for display: every photo problem shows under the photos. */
function groupFieldErrors(fields: Record<string, string>): Record<string, string> {
  const grouped: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const key = path.startsWith('photos') ? 'photos' : path
    if (!grouped[key]) grouped[key] = message
  }
  return grouped
}

export default function ReportPage() {
  const { draft, update, clear } = useDraft()
  const uploads = usePhotoUploads((fileID) =>
    update((current) => ({ photos: [...current.photos, fileID].slice(0, maxPhotos) })),
  )
  const submit = useAction('case.submit')
  const join = useAction('case.join')
  const [joiningId, setJoiningId] = useState<string | undefined>(undefined)
  const privacy = usePrivacyConsent(() =>
    Taro.showToast({
      title: '需要您同意后才能拍照和获取位置，也可以手动填写位置',
      icon: 'none',
      duration: 2500,
    }),
  )

  // Open cases of the same category near the chosen place, looked up once the place stops changing.
  const point = draftPoint(draft)
  const nearbyInput = useDebouncedValue(
    draft.categoryId && point ? { categoryId: draft.categoryId, location: point } : null,
    500,
  )
  const nearby = useQuery('case.nearby', nearbyInput ?? { categoryId: '', location: { lng: 0, lat: 0 } }, {
    enabled: nearbyInput !== null,
  })
  const nearbyItems: NearbyCase[] = nearbyInput && nearby.data ? nearby.data.items : []
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitError, setSubmitError] = useState<string | undefined>(undefined)
  const [locating, setLocating] = useState(false)
  const [manualOpen, setManualOpen] = useState(
    () => !supportsMapPicker || Boolean(draft.lngText || draft.latText),
  )

  const clearError = (...keys: string[]) => {
    if (!keys.some((key) => errors[key])) return
    setErrors((current) => {
      const next = { ...current }
      for (const key of keys) delete next[key]
      return next
    })
  }

  const tiles: PhotoTile[] = [
    ...draft.photos.map((fileID) => ({ key: fileID, url: photoUrl(fileID) })),
    ...uploads.pending.map((item) => ({
      key: item.key,
      url: item.localPath,
      progress: item.progress,
      error: item.error,
    })),
  ]
  const room = maxPhotos - draft.photos.length - uploads.pending.length

  const setPlace = (place: { lng: number; lat: number; accuracyMeters: number | null; address?: string }) => {
    update({
      lngText: place.lng.toFixed(6),
      latText: place.lat.toFixed(6),
      accuracyMeters: place.accuracyMeters,
      ...(place.address !== undefined ? { address: place.address } : {}),
    })
    clearError('location', 'location.lng', 'location.lat')
  }

  const locate = async () => {
    setLocating(true)
    try {
      const result = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true })
      setPlace({
        lng: result.longitude,
        lat: result.latitude,
        accuracyMeters: Number.isFinite(result.accuracy) ? result.accuracy : null,
      })
      Taro.showToast({ title: '已获取当前位置', icon: 'success' })
    } catch {
      setManualOpen(true)
      Taro.showToast({
        title: supportsMapPicker ? '定位失败，请在地图上选择或手动填写' : '无法获取当前位置，请手动填写',
        icon: 'none',
        duration: 2500,
      })
    } finally {
      setLocating(false)
    }
  }

  const pickOnMap = async () => {
    try {
      const place = await chooseOnMap()
      if (place) setPlace({ lng: place.lng, lat: place.lat, accuracyMeters: null, address: place.address })
    } catch {
      setManualOpen(true)
      Taro.showToast({ title: '无法打开地图，请手动填写位置', icon: 'none' })
    }
  }

  const removePhoto = (key: string) => {
    if (draft.photos.includes(key))
      update((current) => ({ photos: current.photos.filter((photo) => photo !== key) }))
    else uploads.discard(key)
  }

  const preview = (index: number) => {
    const urls = tiles.map((tile) => tile.url)
    void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)
  }

  const onJoin = async (item: NearbyCase) => {
    if (joiningId) return
    const answer = await Taro.showModal({
      title: '附议此问题',
      content: `附议后本次填写的内容不再单独提交，“${item.checkName}”的处理进度会通知您。确定附议吗？`,
      confirmText: '附议',
    })
    if (!answer.confirm) return
    setJoiningId(item.id)
    try {
      const result = await join.run({ caseId: item.id })
      clear()
      setErrors({})
      setSubmitError(undefined)
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

  const onSubmit = async () => {
    if (submit.running) return
    if (uploads.busy) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
      return
    }
    // WeChat shows the subscription request only inside the tap: ask before anything is awaited. It never rejects,
    // and does nothing on H5 or when no template is configured (then the in-app messages are the channel).
    // Only for a report that will be sent: a form still missing something is refused before any request.
    const payload = buildSubmitPayload(draft)
    const subscription = submitCaseInputSchema.safeParse(payload).success
      ? requestCaseUpdates()
      : Promise.resolve('skipped')
    setSubmitError(undefined)
    const localIssues = locationIssues(draft)
    try {
      const result = await submit.run(payload)
      setErrors({})
      clear()
      await subscription
      Taro.showToast({ title: result.replayed ? '该举报已提交过' : '提交成功', icon: 'success' })
      void Taro.redirectTo({ url: routes.caseDetail(result.case.id) })
    } catch (error) {
      // The draft (and its requestId) stays as it is: pressing 提交 again retries the same report.
      if (isApiError(error) && error.fields) {
        const fields = groupFieldErrors({ ...error.fields, ...localIssues })
        if (localIssues.location) {
          delete fields['location.lng']
          delete fields['location.lat']
        }
        setErrors(fields)
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

  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  const located = lng !== undefined && lat !== undefined && !Number.isNaN(lng) && !Number.isNaN(lat)

  return (
    <View className="bg-page bg-report">
      <View className="bg-section">
        <Text className="bg-section__title">现场照片</Text>
        <PhotoGrid
          photos={tiles}
          max={maxPhotos}
          onAdd={room > 0 ? () => privacy.guard(() => void uploads.pick(room)) : undefined}
          onRemove={removePhoto}
          onRetry={uploads.retry}
          onPreview={preview}
        />
        <Text className="bg-section__note">请拍摄能看清问题的照片，1–9 张</Text>
        <FieldError field="photos" message={errors.photos} />
      </View>

      <View className="bg-section">
        <Text className="bg-section__title">问题类别</Text>
        <CategoryPicker
          categories={categories}
          categoryId={draft.categoryId}
          checkId={draft.checkId}
          onChange={(choice) => {
            update(choice)
            clearError('categoryId', ...(choice.checkId ? ['checkId'] : []))
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
            clearError('description')
          }}
        />
        <FieldError field="description" message={errors.description} />
      </View>

      <View className="bg-section">
        <Text className="bg-section__title">问题位置</Text>
        <View className="bg-report__place">
          <Text
            className={
              located ? 'bg-report__coords bg-location-value' : 'bg-report__coords bg-report__coords--empty'
            }
          >
            {located
              ? `经度 ${lng.toFixed(6)}，纬度 ${lat.toFixed(6)}${draft.accuracyMeters ? `（精度约${Math.round(draft.accuracyMeters)}米）` : ''}`
              : '尚未选择位置'}
          </Text>
        </View>
        <View className="bg-report__place-actions">
          <Button
            className="bg-report__place-button bg-locate"
            type="primary"
            fill="outline"
            loading={locating}
            onClick={() => privacy.guard(() => void locate())}
          >
            获取当前位置
          </Button>
          {supportsMapPicker ? (
            <Button
              className="bg-report__place-button bg-map-pick"
              type="primary"
              fill="outline"
              onClick={() => privacy.guard(() => void pickOnMap())}
            >
              在地图上选择
            </Button>
          ) : null}
          {!manualOpen ? (
            <Text className="bg-report__link bg-manual-location" onClick={() => setManualOpen(true)}>
              手动填写
            </Text>
          ) : null}
        </View>
        {supportsDevLogin ? (
          <Button
            className="bg-report__place-button bg-report__demo bg-demo-location"
            id="bg-demo-location"
            fill="outline"
            onClick={() => setPlace({ ...demoLocation, accuracyMeters: null })}
          >
            使用示例位置（映月路社区）
          </Button>
        ) : null}
        <FieldError field="location" message={errors.location} />
        {manualOpen ? (
          <View className="bg-report__manual">
            <View className="bg-report__input-row">
              <Text className="bg-report__input-label">经度</Text>
              <Input
                className="bg-report__input bg-lng-input"
                type="digit"
                value={draft.lngText}
                placeholder="如 113.6925"
                onInput={(event) => {
                  update({ lngText: event.detail.value, accuracyMeters: null })
                  clearError('location', 'location.lng')
                }}
              />
            </View>
            <FieldError field="location.lng" message={errors['location.lng']} />
            <View className="bg-report__input-row">
              <Text className="bg-report__input-label">纬度</Text>
              <Input
                className="bg-report__input bg-lat-input"
                type="digit"
                value={draft.latText}
                placeholder="如 34.7288"
                onInput={(event) => {
                  update({ latText: event.detail.value, accuracyMeters: null })
                  clearError('location', 'location.lat')
                }}
              />
            </View>
            <FieldError field="location.lat" message={errors['location.lat']} />
            <Text className="bg-section__note">坐标为国测局坐标（GCJ-02），可从微信或高德地图中查看</Text>
          </View>
        ) : null}
        <View className="bg-report__input-row">
          <Text className="bg-report__input-label">地址</Text>
          <Input
            className="bg-report__input bg-address-input"
            value={draft.address}
            maxlength={120}
            placeholder="路名、小区或附近地标（选填）"
            onInput={(event) => {
              update({ address: event.detail.value })
              clearError('address')
            }}
          />
        </View>
        <FieldError field="address" message={errors.address} />
      </View>

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
        items={nearbyItems}
        radiusMeters={nearby.data?.radiusMeters ?? 0}
        thumbUrl={(item) => (item.photos[0] ? photoUrl(item.photos[0]) : undefined)}
        joiningId={joiningId}
        onJoin={(item) => void onJoin(item)}
        onOpen={(item) => void Taro.navigateTo({ url: routes.caseDetail(item.id) })}
      />

      {submitError ? (
        <View className="bg-report__submit-error bg-submit-error">
          <Text>{`${submitError}。草稿已保存，可再次点击“提交”重试。`}</Text>
        </View>
      ) : null}

      <View className="bg-report__footer">
        <Button
          className="bg-report__submit bg-report-submit"
          id="bg-report-submit"
          type="primary"
          size="large"
          block
          loading={submit.running}
          disabled={submit.running}
          onClick={() => void onSubmit()}
        >
          {nearbyItems.some((item) => !item.isMine && !item.isFollowing)
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
                  setErrors({})
                  setSubmitError(undefined)
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

      <PrivacySheet
        visible={privacy.visible}
        agreeOpenType={privacy.mode === 'wechat' ? 'agreePrivacyAuthorization' : undefined}
        agreeButtonId={privacy.agreeButtonId}
        onAgree={privacy.agree}
        onDecline={privacy.decline}
        onReadMore={() => void Taro.navigateTo({ url: routes.privacy })}
      />
    </View>
  )
}
