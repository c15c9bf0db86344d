/**
 * A stand-in for @tarojs/taro in jsdom page tests:
 *   jest.mock('@tarojs/taro', () => require('../fakes/taro'))
 * APIs are jest.fn()s with harmless defaults; storage is an in-memory map that round-trips through JSON
 * like the real one. Call resetTaro() in beforeEach.
 */
import { useEffect, useRef } from 'react'

const storage = new Map<string, string>()
const pullDownHandlers: (() => void)[] = []

export const router: { params: Record<string, string | undefined> } = { params: {} }

const ok = () => Promise.resolve({ errMsg: 'ok' })

/** What NutUI React Taro asks of Taro when it renders in the browser build (`getEnv()` is 'WEB' there). */
function selectorQuery() {
  const query = {
    select: () => query,
    selectAll: () => query,
    selectViewport: () => query,
    boundingClientRect: (callback?: (rect: unknown) => void) => {
      callback?.(null)
      return query
    },
    scrollOffset: () => query,
    fields: () => query,
    // One empty result per query: nothing measured, so NutUI skips its scroll-into-view.
    exec: (callback?: (results: unknown[]) => void) => callback?.([[]]),
  }
  return query
}

const handlersByEvent = new Map<string, ((...args: unknown[]) => void)[]>()
export const eventCenter = {
  on: (name: string, handler: (...args: unknown[]) => void) =>
    handlersByEvent.set(name, [...(handlersByEvent.get(name) ?? []), handler]),
  off: (name: string) => handlersByEvent.delete(name),
  trigger: (name: string, ...args: unknown[]) =>
    handlersByEvent.get(name)?.forEach((handler) => handler(...args)),
}
export const getEnv = () => 'WEB'
export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' }
export const getCurrentInstance = () => ({ router: { path: '/test', params: router.params } })
export const createSelectorQuery = selectorQuery
export const nextTick = (callback: () => void) => setTimeout(callback, 0)
const windowInfo = () => ({
  windowWidth: 375,
  windowHeight: 812,
  screenWidth: 375,
  screenHeight: 812,
  pixelRatio: 2,
  statusBarHeight: 20,
})

function makeTaro() {
  return {
    showToast: jest.fn(ok),
    hideToast: jest.fn(),
    showLoading: jest.fn(ok),
    hideLoading: jest.fn(),
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
    setClipboardData: jest.fn(ok),
    navigateTo: jest.fn(ok),
    redirectTo: jest.fn(ok),
    switchTab: jest.fn(ok),
    navigateBack: jest.fn(ok),
    reLaunch: jest.fn(ok),
    previewImage: jest.fn(ok),
    stopPullDownRefresh: jest.fn(),
    getLocation: jest.fn(() => Promise.reject({ errMsg: 'getLocation:fail auth deny' })),
    chooseLocation: jest.fn(() => Promise.reject({ errMsg: 'chooseLocation:fail cancel' })),
    getStorageSync: jest.fn((key: string) => {
      const stored = storage.get(key)
      return stored === undefined ? '' : JSON.parse(stored)
    }),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage.set(key, JSON.stringify(value))
    }),
    removeStorageSync: jest.fn((key: string) => {
      storage.delete(key)
    }),
    requestSubscribeMessage: jest.fn(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' })),
  }
}

/** Taro APIs that are plain functions (not recorded): kept on the default export as the real module has them. */
const plain = {
  getEnv,
  ENV_TYPE,
  getCurrentInstance,
  createSelectorQuery,
  nextTick,
  eventCenter,
  getSystemInfoSync: windowInfo,
  getWindowInfo: windowInfo,
  getDeviceInfo: () => ({ platform: 'devtools' }),
  getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
  pxTransform: (value: number) => `${value / 2}px`,
}

const Taro = Object.assign(makeTaro(), plain)

/** Restores every API's default behaviour and empties storage, router params and pull-down handlers. */
export function resetTaro(): void {
  const fresh = makeTaro()
  for (const key of Object.keys(fresh) as (keyof typeof fresh)[]) {
    const mock = Taro[key] as jest.Mock
    mock.mockReset()
    mock.mockImplementation((fresh[key] as jest.Mock).getMockImplementation())
  }
  storage.clear()
  pullDownHandlers.length = 0
  handlersByEvent.clear()
  router.params = {}
}

/** What is stored under `key`, as the page would read it back. */
export function stored(key: string): unknown {
  const value = storage.get(key)
  return value === undefined ? undefined : JSON.parse(value)
}

/** Runs the page's pull-down-refresh handlers, as a pull gesture would. */
export function pullDown(): void {
  for (const handler of pullDownHandlers) handler()
}

export function useRouter() {
  return { params: router.params, path: '' }
}

export function useDidShow(callback: () => void): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    ref.current()
  }, [])
}

export function usePullDownRefresh(callback: () => void): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    const handler = () => ref.current()
    pullDownHandlers.push(handler)
    return () => {
      const index = pullDownHandlers.indexOf(handler)
      if (index >= 0) pullDownHandlers.splice(index, 1)
    }
  }, [])
}

export function useLaunch(callback: () => void): void {
  useEffect(() => {
    callback()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}

export const useLoad = useLaunch
export const useReady = useLaunch
const reachBottomHandlers: (() => void)[] = []

/** Runs the page's reach-bottom handlers, as scrolling to the end would. */
export function reachBottom(): void {
  for (const handler of reachBottomHandlers) handler()
}

export function useReachBottom(callback: () => void): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    const handler = () => ref.current()
    reachBottomHandlers.push(handler)
    return () => {
      const index = reachBottomHandlers.indexOf(handler)
      if (index >= 0) reachBottomHandlers.splice(index, 1)
    }
  }, [])
}

export default Taro
