/// <reference types="@tarojs/taro" />

// Asset and style imports, resolved by Taro's webpack build.
declare module '*.png'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.gif'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: the platform being built ('weapp' | 'h5' here). */
    TARO_ENV?: string
    /** The CloudBase environment id the weapp build calls (config/index.ts; default 'bluegrid-local'). */
    TARO_APP_CLOUD_ENV?: string
  }
}
