import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { categories } from '@/domain/categories'
import type { SubmitCaseInput } from '@/domain/contract'
import { CategoryPicker } from '@/components/category-picker'
import { FieldError } from '@/components/field-error'
import { PhotoGrid, type PhotoTile } from '@/components/photo-grid'
import { useAction } from '@/hooks/use-action'
import { useDraft, type ReportDraft } from '@/hooks/use-draft'
import { usePhotoUploads } from '@/hooks/use-photo-uploads'
import { supportsDevLogin } from '@/platform/dev-login'
import { chooseOnMap, supportsMapPicker } from '@/platform/location'
import { isApiError, photoUrl } from '@/services/api'
import { cx } from '@/utils/class-name'
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
  const uploads = usePhotoUploads((fileID) => update((current) => ({ photos: [...current.photos, fileID].slice(0, maxPhotos) })))
  const submit = useAction('case.submit')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitError, setSubmitError] = useState<string | undefined>(undefined)
  const [locating, setLocating] = useState(false)
  const [manualOpen, setManualOpen] = useState(() => !supportsMapPicker || Boolean(draft.lngText || draft.latText))

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
    ...uploads.pending.map((item) => ({ key: item.key, url: item.localPath, progress: item.progress, error: item.error })),
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
      setPlace({ lng: result.longitude, lat: result.latitude, accuracyMeters: Number.isFinite(result.accuracy) ? result.accuracy : null })
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
    if (draft.photos.includes(key)) update((current) => ({ photos: current.photos.filter((photo) => photo !== key) }))
    else uploads.discard(key)
  }

  const preview = (index: number) => {
    const urls = tiles.map((tile) => tile.url)
    void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)
  }

  const onSubmit = async () => {
    if (submit.running) return
    if (uploads.busy) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
      return
    }
    setSubmitError(undefined)
    const localIssues = locationIssues(draft)
    try {
      const result = await submit.run(buildSubmitPayload(draft))
      setErrors({})
      clear()
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
        const answer = await Taro.showModal({ title: '请先登录', content: '登录后再提交，已填写的内容会保留', confirmText: '去登录' })
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
    <View className='bg-page bg-report'>
      <View className='bg-section'>
        <Text className='bg-section__title'>现场照片</Text>
        <PhotoGrid
          photos={tiles}
          max={maxPhotos}
          onAdd={room > 0 ? () => void uploads.pick(room) : undefined}
          onRemove={removePhoto}
          onRetry={uploads.retry}
          onPreview={preview}
        />
        <Text className='bg-section__note'>请拍摄能看清问题的照片，1–9 张</Text>
        <FieldError field='photos' message={errors.photos} />
      </View>

      <View className='bg-section'>
        <Text className='bg-section__title'>问题类别</Text>
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

      <View className='bg-section'>
        <Text className='bg-section__title'>问题描述（选填）</Text>
        <Textarea
          className='bg-report__textarea bg-description-input'
          value={draft.description}
          maxlength={maxDescription}
          placeholder='简单说说看到了什么，例如：渣土车未冲洗驶出工地，路面有泥痕'
          onInput={(event) => {
            update({ description: event.detail.value })
            clearError('description')
          }}
        />
        <Text className='bg-report__counter'>{`${draft.description.length}/${maxDescription}`}</Text>
        <FieldError field='description' message={errors.description} />
      </View>

      <View className='bg-section'>
        <Text className='bg-section__title'>问题位置</Text>
        <View className='bg-report__place'>
          <Text className={located ? 'bg-report__coords bg-location-value' : 'bg-report__coords bg-report__coords--empty'}>
            {located
              ? `经度 ${lng.toFixed(6)}，纬度 ${lat.toFixed(6)}${draft.accuracyMeters ? `（精度约${Math.round(draft.accuracyMeters)}米）` : ''}`
              : '尚未选择位置'}
          </Text>
        </View>
        <View className='bg-report__place-actions'>
          <Button className='bg-button bg-button--ghost bg-button--small bg-locate' loading={locating} onClick={() => void locate()}>
            获取当前位置
          </Button>
          {supportsMapPicker ? (
            <Button className='bg-button bg-button--ghost bg-button--small bg-map-pick' onClick={() => void pickOnMap()}>
              在地图上选择
            </Button>
          ) : null}
          {!manualOpen ? (
            <Text className='bg-report__link bg-manual-location' onClick={() => setManualOpen(true)}>
              手动填写
            </Text>
          ) : null}
        </View>
        {supportsDevLogin ? (
          <Button
            className='bg-button bg-button--ghost bg-button--small bg-report__demo bg-demo-location'
            id='bg-demo-location'
            onClick={() => setPlace({ ...demoLocation, accuracyMeters: null })}
          >
            使用示例位置（映月路社区）
          </Button>
        ) : null}
        <FieldError field='location' message={errors.location} />
        {manualOpen ? (
          <View className='bg-report__manual'>
            <View className='bg-report__input-row'>
              <Text className='bg-report__input-label'>经度</Text>
              <Input
                className='bg-report__input bg-lng-input'
                type='digit'
                value={draft.lngText}
                placeholder='如 113.6925'
                onInput={(event) => {
                  update({ lngText: event.detail.value, accuracyMeters: null })
                  clearError('location', 'location.lng')
                }}
              />
            </View>
            <FieldError field='location.lng' message={errors['location.lng']} />
            <View className='bg-report__input-row'>
              <Text className='bg-report__input-label'>纬度</Text>
              <Input
                className='bg-report__input bg-lat-input'
                type='digit'
                value={draft.latText}
                placeholder='如 34.7288'
                onInput={(event) => {
                  update({ latText: event.detail.value, accuracyMeters: null })
                  clearError('location', 'location.lat')
                }}
              />
            </View>
            <FieldError field='location.lat' message={errors['location.lat']} />
            <Text className='bg-section__note'>坐标为国测局坐标（GCJ-02），可从微信或高德地图中查看</Text>
          </View>
        ) : null}
        <View className='bg-report__input-row'>
          <Text className='bg-report__input-label'>地址</Text>
          <Input
            className='bg-report__input bg-address-input'
            value={draft.address}
            maxlength={120}
            placeholder='路名、小区或附近地标（选填）'
            onInput={(event) => {
              update({ address: event.detail.value })
              clearError('address')
            }}
          />
        </View>
        <FieldError field='address' message={errors.address} />
      </View>

      <View className='bg-section'>
        <View className='bg-row'>
          <Text className='bg-row__label'>匿名举报</Text>
          <Switch
            className='bg-anonymous-switch'
            checked={draft.anonymous}
            color='#1677ff'
            onChange={(event) => update({ anonymous: Boolean(event.detail.value) })}
          />
        </View>
        <Text className='bg-section__note'>匿名举报不计积分</Text>
      </View>

      {submitError ? (
        <View className='bg-report__submit-error bg-submit-error'>
          <Text>{`${submitError}。草稿已保存，可再次点击“提交”重试。`}</Text>
        </View>
      ) : null}

      <View className='bg-report__footer'>
        <Button
          className={cx('bg-button bg-button--primary bg-report-submit', submit.running && 'bg-button--disabled')}
          id='bg-report-submit'
          loading={submit.running}
          disabled={submit.running}
          onClick={() => void onSubmit()}
        >
          提交
        </Button>
        <Text
          className='bg-report__link bg-report__clear bg-clear-draft'
          onClick={() => {
            void Taro.showModal({ title: '清空草稿', content: '确定清空已填写的内容和照片吗？' }).then((answer) => {
              if (answer.confirm) {
                clear()
                setErrors({})
                setSubmitError(undefined)
              }
            })
          }}
        >
          清空草稿
        </Text>
      </View>
    </View>
  )
}
