/**
 * The `wx` object the mini-program sees: miniprogram-simulate's API mocks (it installs them on the global `wx`
 * when loaded) plus what BlueGrid needs to start without WeChat or the network: `wx.cloud`, in-memory storage,
 * and records of toasts and navigation so a test can look at them.
 *
 * Taro copies `wx.cloud` and wraps every `wx.*` API once, when taro.js is evaluated, so this object must be
 * complete before the first script runs; every launch gets its own.
 */

/** What the `api` cloud function answers: the result envelope of src/domain/errors.ts. */
export type Envelope =
  | { ok: true; data: unknown }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }

/** Answers one `{ action, payload }` call of the `api` function. */
export type CloudResponder = (action: string, payload: unknown) => Envelope | Promise<Envelope>

export const ok = (data: unknown): Envelope => ({ ok: true, data })
export const fail = (code: string, message: string): Envelope => ({ ok: false, error: { code, message } })

/** Every action refused the way the real api refuses a caller without an account. */
export const signedOut: CloudResponder = () => fail('not-signed-in', '请先登录')

export interface CloudCall {
  name: string
  action: string
  payload: unknown
}

export interface FakeWx {
  /** The object passed to the mini-program's scripts as `wx`. */
  wx: Record<string, unknown>
  /** Every `wx.cloud.callFunction`, in order. */
  cloudCalls: CloudCall[]
  storage: Map<string, unknown>
  toasts: unknown[]
  /** Call records of the navigation APIs (navigateTo, redirectTo, switchTab...). */
  navigations: { api: string; url: unknown }[]
}

export function createFakeWx(respond: CloudResponder): FakeWx {
  // miniprogram-simulate put its API mocks (getSystemInfoSync, showToast, navigateTo...) on the global.
  const simulated = (globalThis as { wx?: Record<string, unknown> }).wx ?? {}
  const cloudCalls: CloudCall[] = []
  const storage = new Map<string, unknown>()
  const toasts: unknown[] = []
  const navigations: { api: string; url: unknown }[] = []

  // WeChat APIs take callbacks and, without them, return a promise; Taro relies on both forms.
  const asyncApi =
    (name: string, answer: () => object, record?: (options: Record<string, unknown>) => void) =>
    (options: Record<string, unknown> = {}) => {
      record?.(options)
      const result = { errMsg: `${name}:ok`, ...answer() }
      const callbacks = options as { success?: (r: unknown) => void; complete?: (r: unknown) => void }
      setTimeout(() => {
        callbacks.success?.(result)
        callbacks.complete?.(result)
      }, 0)
      return Promise.resolve(result)
    }

  const navigation = (api: string) =>
    asyncApi(
      api,
      () => ({}),
      (options) => navigations.push({ api, url: options.url }),
    )

  const wx: Record<string, unknown> = {
    ...simulated,
    cloud: {
      init() {},
      async callFunction({ name, data }: { name: string; data: { action: string; payload: unknown } }) {
        cloudCalls.push({ name, action: data?.action, payload: data?.payload })
        // A real call is a network round trip: answer on a later macrotask, as WeChat does.
        await new Promise((resolve) => setTimeout(resolve, 1))
        return { errMsg: 'cloud.callFunction:ok', result: await respond(data?.action, data?.payload) }
      },
      uploadFile: () => {
        throw new Error('uploadFile is not faked in the native page tests')
      },
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    showToast: asyncApi(
      'showToast',
      () => ({}),
      (options) => toasts.push(options),
    ),
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
    // NutUI measures some views (tabs scroll their active title into view); nothing is laid out here, so every
    // query answers with nothing measured, as WeChat does for a node that is not on screen.
    createSelectorQuery: () => {
      const answers: unknown[] = []
      const query = {
        in: () => query,
        select: () => (answers.push(null), query),
        selectAll: () => (answers.push([]), query),
        selectViewport: () => (answers.push(null), query),
        boundingClientRect: () => query,
        scrollOffset: () => query,
        fields: () => query,
        exec: (callback?: (results: unknown[]) => void) => setTimeout(() => callback?.(answers), 0),
      }
      return query
    },
  }
  return { wx, cloudCalls, storage, toasts, navigations }
}
