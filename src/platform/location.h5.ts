import type { PickedPlace } from './types'

// Taro's H5 chooseLocation needs a Tencent Maps key and the internet; the browser build offers manual entry.
export const supportsMapPicker = false

export async function chooseOnMap(): Promise<PickedPlace | null> {
  throw new Error('在浏览器中不能使用地图选点，请手动填写位置')
}
