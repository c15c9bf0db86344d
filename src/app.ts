import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { initCloud } from '@/platform/cloud'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // weapp: wx.cloud.init with TARO_APP_CLOUD_ENV; H5: nothing (the emulator is reached over HTTP).
    initCloud()
  })
  return children
}

export default App
