import type { UserConfigExport } from '@tarojs/cli'

// Production builds (`npm run build:*`): Taro minifies by default.
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
