import Taro from '@tarojs/taro'
import { useState } from 'react'
import { chooseOnMap, supportsMapPicker } from '@/platform/location'

export interface PickedPlace {
  lng: number
  lat: number
  accuracyMeters: number | null
  address?: string
}

export interface PlacePicker {
  locating: boolean
  /** The device's position (GCJ-02). */
  locate: () => Promise<void>
  /** A place chosen on the map (weapp only). */
  pickOnMap: () => Promise<void>
}

/** Where the problem is, from the device or the map; when neither works the person is asked to type it in. */
export function usePlacePicker(
  onPlace: (place: PickedPlace) => void,
  onUnavailable: () => void,
): PlacePicker {
  const [locating, setLocating] = useState(false)

  const locate = async () => {
    setLocating(true)
    try {
      const result = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true })
      onPlace({
        lng: result.longitude,
        lat: result.latitude,
        accuracyMeters: Number.isFinite(result.accuracy) ? result.accuracy : null,
      })
      Taro.showToast({ title: '已获取当前位置', icon: 'success' })
    } catch {
      onUnavailable()
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
      if (place) onPlace({ lng: place.lng, lat: place.lat, accuracyMeters: null, address: place.address })
    } catch {
      onUnavailable()
      Taro.showToast({ title: '无法打开地图，请手动填写位置', icon: 'none' })
    }
  }

  return { locating, locate, pickOnMap }
}
