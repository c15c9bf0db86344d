import { Input, Text, View } from '@tarojs/components'
import { Fragment, useState } from 'react'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import type { ReportDraft } from '@/hooks/use-draft'
import { supportsDevLogin } from '@/platform/dev-login'
import { supportsMapPicker } from '@/platform/location'
import { usePlacePicker, type PickedPlace } from '../hooks/use-place-picker'
import { demoLocation, draftCoordinates } from '../report-draft'

export type PlaceFields = Pick<ReportDraft, 'lngText' | 'latText' | 'accuracyMeters' | 'address'>

export interface PlaceSectionProps {
  value: PlaceFields
  onChange: (patch: Partial<PlaceFields>) => void
  errors: Record<string, string>
  /** Called with the fields whose messages the change answers. */
  onFixed: (...fields: string[]) => void
  /** Runs a location request once the user consented (the privacy gate). */
  gate: (action: () => void) => void
  /** The section's title, 问题位置 unless a page places something else (a station, a site). */
  title?: string
}

const coordinates = [
  { axis: 'lng', label: '经度', placeholder: '如 113.6925' },
  { axis: 'lat', label: '纬度', placeholder: '如 34.7288' },
] as const

/** 问题位置: the device's position, a place on the map, the demo point, or coordinates typed in; and the address. */
export function PlaceSection({
  value,
  onChange,
  errors,
  onFixed,
  gate,
  title = '问题位置',
}: PlaceSectionProps) {
  const [manualOpen, setManualOpen] = useState(
    () => !supportsMapPicker || Boolean(value.lngText || value.latText),
  )
  const setPlace = (place: PickedPlace) => {
    onChange({
      lngText: place.lng.toFixed(6),
      latText: place.lat.toFixed(6),
      accuracyMeters: place.accuracyMeters,
      ...(place.address !== undefined ? { address: place.address } : {}),
    })
    onFixed('location', 'location.lng', 'location.lat')
  }
  const picker = usePlacePicker(setPlace, () => setManualOpen(true))
  const point = draftCoordinates(value)

  return (
    <View className="bg-section">
      <Text className="bg-section__title">{title}</Text>
      <View className="bg-report__place">
        <Text
          className={
            point ? 'bg-report__coords bg-location-value' : 'bg-report__coords bg-report__coords--empty'
          }
        >
          {point
            ? `经度 ${point.lng.toFixed(6)}，纬度 ${point.lat.toFixed(6)}${value.accuracyMeters ? `（精度约${Math.round(value.accuracyMeters)}米）` : ''}`
            : '尚未选择位置'}
        </Text>
      </View>
      <View className="bg-report__place-actions">
        <Button
          className="bg-report__place-button bg-locate"
          type="primary"
          fill="outline"
          loading={picker.locating}
          onClick={() => gate(() => void picker.locate())}
        >
          获取当前位置
        </Button>
        {supportsMapPicker ? (
          <Button
            className="bg-report__place-button bg-map-pick"
            type="primary"
            fill="outline"
            onClick={() => gate(() => void picker.pickOnMap())}
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
          {coordinates.map(({ axis, label, placeholder }) => (
            <Fragment key={axis}>
              <View className="bg-report__input-row">
                <Text className="bg-report__input-label">{label}</Text>
                <Input
                  className={`bg-report__input bg-${axis}-input`}
                  type="digit"
                  value={value[`${axis}Text`]}
                  placeholder={placeholder}
                  onInput={(event) => {
                    onChange({ [`${axis}Text`]: event.detail.value, accuracyMeters: null })
                    onFixed('location', `location.${axis}`)
                  }}
                />
              </View>
              <FieldError field={`location.${axis}`} message={errors[`location.${axis}`]} />
            </Fragment>
          ))}
          <Text className="bg-section__note">坐标为国测局坐标（GCJ-02），可从微信或高德地图中查看</Text>
        </View>
      ) : null}
      <View className="bg-report__input-row">
        <Text className="bg-report__input-label">地址</Text>
        <Input
          className="bg-report__input bg-address-input"
          value={value.address}
          maxlength={120}
          placeholder="路名、小区或附近地标（选填）"
          onInput={(event) => {
            onChange({ address: event.detail.value })
            onFixed('address')
          }}
        />
      </View>
      <FieldError field="address" message={errors.address} />
    </View>
  )
}
