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

function makeTaro() {
  return {
    showToast: jest.fn(ok),
    hideToast: jest.fn(),
    showLoading: jest.fn(ok),
    hideLoading: jest.fn(),
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
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
  }
}

const Taro = makeTaro()

/** Restores every API's default behaviour and empties storage, router params and pull-down handlers. */
export function resetTaro(): void {
  const fresh = makeTaro()
  for (const key of Object.keys(fresh) as (keyof typeof Taro)[]) {
    const mock = Taro[key] as jest.Mock
    mock.mockReset()
    mock.mockImplementation((fresh[key] as jest.Mock).getMockImplementation())
  }
  storage.clear()
  pullDownHandlers.length = 0
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
export function useReachBottom(): void {}

export default Taro
