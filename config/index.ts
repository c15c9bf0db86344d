import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Settings that vary by deployment come from TARO_APP_* variables (the shell or Taro's .env files),
// never from literals in the source. Values from .env files override the shell's.
const appEnv = {
  /** The CloudBase environment id the weapp build calls; the emulator's env by default. */
  TARO_APP_CLOUD_ENV: process.env.TARO_APP_CLOUD_ENV || 'bluegrid-local',
  /**
   * Subscription-message template ids (comma-separated) requested when a resident submits a report, for case
   * updates (weapp only). Empty: the request is skipped and the in-app message list is the only channel.
   */
  TARO_APP_SUBSCRIBE_TEMPLATE_IDS: process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS || '',
}

/**
 * NutUI React Taro's styles are drawn for a 375-wide design; ours for 750. Taro calls this per CSS file (with
 * `{ file }`) and once with a number for the H5 root font size, so anything but a NutUI file is 750.
 */
function designWidth(input?: unknown): number {
  const file = typeof input === 'object' && input !== null ? (input as { file?: unknown }).file : undefined
  return typeof file === 'string' && file.replace(/\\/g, '/').includes('/@nutui/') ? 375 : 750
}

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * `taro build native-components --type weapp` builds the native-component wrappers of the native component tests
 * (test/native/components/src, entries listed in its app.config.ts) into a git-ignored folder; the app's own
 * builds never see them. Taro reads this file in the CLI's process, so its arguments tell the two apart.
 */
const isNativeComponents = process.argv.includes('native-components')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'bluegrid',
    date: '2025-01-01',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: isNativeComponents ? 'test/native/components/src' : 'src',
    // project.config.json points the WeChat tools at dist/; the emulator serves dist-h5/.
    outputRoot: isNativeComponents ? 'test/native/.build/components' : isH5 ? 'dist-h5' : 'dist',
    // WeChat templates cannot recurse, so Taro writes one set of templates per nesting level into base.wxml
    // and hands deeper subtrees to its `comp` custom component. The resident pages nest at most 7 deep and
    // the staff board 11, so 10 levels (not 16) keep base.wxml ~17 KB smaller at the cost of a few `comp`s
    // on the board; test/native/pages.test.ts renders every page through that path.
    baseLevel: 10,
    plugins: [],
    env: Object.fromEntries(Object.entries(appEnv).map(([key, value]) => [key, JSON.stringify(value)])),
    defineConstants: {},
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      // Tree-shakable stand-in for zod's namespace object: see src/shims/zod.ts (saves ~300 KB per build).
      zod$: path.resolve(__dirname, '..', 'src', 'shims', 'zod.ts'),
    },
    // WeChat's map component takes marker icons by path only, so the map's two icons are copied as files
    // into their subpackage (H5 draws its markers itself).
    copy: {
      patterns:
        isH5 || isNativeComponents ? [] : [{ from: 'src/pkg-desk/assets/', to: 'dist/pkg-desk/assets/' }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // The native-component wrappers import the app's components from src/, outside their source root.
      compile: isNativeComponents ? { include: [path.resolve(__dirname, '..', 'src')] } : {},
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
