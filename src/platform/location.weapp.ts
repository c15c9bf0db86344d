import Taro from '@tarojs/taro'
import type { PickedPlace } from './types'

export const supportsMapPicker = true

export async function chooseOnMap(): Promise<PickedPlace | null> {
  try {
    const result = await Taro.chooseLocation({})
    // WeChat's map picker answers in GCJ-02, the datum BlueGrid stores.
    return {
      lng: result.longitude,
      lat: result.latitude,
      address: [result.name, result.address].filter(Boolean).join(' '),
    }
  } catch (error) {
    if (/cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '')) return null
    throw error
  }
}
