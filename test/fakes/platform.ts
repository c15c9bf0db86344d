/**
 * Stand-ins for src/platform/* in jsdom page tests, e.g.
 *   jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
 * `cloud.callFunction` routes `{ action, payload }` to handlers set per test with onAction(); an action
 * without a handler answers like a transport failure.
 */
import type { SubscribeAnswer } from '../../src/platform/types'

type Handler = (payload: unknown) => unknown

const handlers = new Map<string, Handler>()

export function onAction(action: string, handler: Handler): void {
  handlers.set(action, handler)
}

export const ok = (data: unknown) => ({ ok: true, data })
export const fail = (code: string, message: string, fields?: Record<string, string>) => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
})

/** Where uploads go and their registration, answered as the server would unless a test says otherwise. */
const photoActions: Record<string, Handler> = {
  'photo.prepare': () => ok({ prefix: 'uploads/test-user/' }),
  'photo.register': (payload) => ok({ fileID: (payload as { fileID: string }).fileID }),
}

export const cloud = {
  initCloud: jest.fn(),
  callFunction: jest.fn(async (_name: string, data: unknown) => {
    const { action, payload } = data as { action: string; payload: unknown }
    const handler = handlers.get(action) ?? photoActions[action]
    if (!handler) throw new TypeError('Failed to fetch')
    return handler(payload)
  }),
  uploadPhoto: jest.fn(async (path: string, _target: unknown, onProgress?: (percent: number) => void) => {
    onProgress?.(50)
    return `cloud://bluegrid-local.test/reports/${path.replace(/\W/g, '')}.jpg`
  }),
  photoUrl: (fileID: string) => `/storage/file?fileID=${encodeURIComponent(fileID)}`,
}

export const media = {
  choosePhotos: jest.fn(async (count: number) => [{ path: 'blob:photo-1', size: 1000 }].slice(0, count)),
  compressPhoto: jest.fn(async (path: string) => path),
}

export const location = {
  supportsMapPicker: false,
  chooseOnMap: jest.fn(async () => null),
}

export const devLogin = {
  supportsDevLogin: true,
  devAccounts: jest.fn(async () => [] as unknown[]),
  devSession: jest.fn(async () => ({ account: null as unknown })),
  devLogin: jest.fn(async () => undefined),
  devLogout: jest.fn(async () => undefined),
}

/** Privacy consent: agreed already unless a test says otherwise (`privacy.hasConsent.mockReturnValue(false)`). */
export const privacy = {
  consentMode: 'notice' as const,
  agreeButtonId: 'bg-privacy-agree',
  hasConsent: jest.fn(() => true),
  rememberConsent: jest.fn(),
  listenForConsentRequests: jest.fn((_show: (answer: (agreed: boolean) => void) => void) => () => undefined),
}

export const subscribe = {
  subscriptionsAvailable: false,
  requestCaseUpdates: jest.fn(async (): Promise<SubscribeAnswer> => ({ outcome: 'skipped', accepted: [] })),
}

/** All calls of an action made through cloud.callFunction, as their payloads. */
export function payloadsOf(action: string): unknown[] {
  return cloud.callFunction.mock.calls
    .map(([, data]) => data as { action: string; payload: unknown })
    .filter((data) => data.action === action)
    .map((data) => data.payload)
}

export function resetPlatform(): void {
  handlers.clear()
  cloud.callFunction.mockClear()
  cloud.uploadPhoto.mockClear()
  media.choosePhotos.mockClear()
  media.compressPhoto.mockClear()
  location.chooseOnMap.mockClear()
  devLogin.devAccounts.mockClear()
  devLogin.devSession.mockClear()
  devLogin.devLogin.mockClear()
  devLogin.devLogout.mockClear()
  privacy.hasConsent.mockReset()
  privacy.hasConsent.mockReturnValue(true)
  privacy.rememberConsent.mockClear()
  privacy.listenForConsentRequests.mockClear()
  subscribe.requestCaseUpdates.mockClear()
}
