import Taro from '@tarojs/taro'
import * as subscribeWeapp from '../../src/platform/subscribe.weapp'
import * as subscribeH5 from '../../src/platform/subscribe.h5'
import * as privacyH5 from '../../src/platform/privacy.h5'
import * as privacyWeapp from '../../src/platform/privacy.weapp'
import { resetTaro } from '../fakes/taro'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))

const taro = Taro as unknown as Record<string, jest.Mock | undefined>

beforeEach(() => {
  resetTaro()
  delete process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS
})

describe('subscription messages (weapp)', () => {
  it('reads up to three template ids from TARO_APP_SUBSCRIBE_TEMPLATE_IDS', () => {
    expect(subscribeWeapp.templateIds(' a1, b2 ,,c3,d4 ')).toEqual(['a1', 'b2', 'c3'])
    expect(subscribeWeapp.templateIds('')).toEqual([])
  })

  it('skips silently when no template is configured', async () => {
    await expect(subscribeWeapp.requestCaseUpdates()).resolves.toEqual({ outcome: 'skipped', accepted: [] })
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled()
  })

  it('asks WeChat for the configured templates and answers which were accepted', async () => {
    process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS = 'tmpl-progress,tmpl-confirm'
    taro.requestSubscribeMessage!.mockResolvedValueOnce({
      errMsg: 'ok',
      'tmpl-progress': 'accept',
      'tmpl-confirm': 'reject',
    })
    await expect(subscribeWeapp.requestCaseUpdates()).resolves.toEqual({
      outcome: 'accepted',
      accepted: ['tmpl-progress'],
    })
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-progress', 'tmpl-confirm'] })

    taro.requestSubscribeMessage!.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail' })
    await expect(subscribeWeapp.requestCaseUpdates()).resolves.toEqual({ outcome: 'rejected', accepted: [] })
  })

  it('never asks in the browser', async () => {
    expect(subscribeH5.subscriptionsAvailable).toBe(false)
    await expect(subscribeH5.requestCaseUpdates()).resolves.toEqual({ outcome: 'skipped', accepted: [] })
  })
})

describe('privacy consent', () => {
  it('H5: a one-time notice, remembered on the device', () => {
    expect(privacyH5.consentMode).toBe('notice')
    expect(privacyH5.hasConsent()).toBe(false)
    privacyH5.rememberConsent()
    expect(privacyH5.hasConsent()).toBe(true)
  })

  it('weapp: answers WeChat’s onNeedPrivacyAuthorization through the app’s notice', () => {
    let listener: ((resolve: (option: unknown) => void) => void) | undefined
    taro.onNeedPrivacyAuthorization = jest.fn((given) => {
      listener = given
    })
    try {
      const shown: ((agreed: boolean) => void)[] = []
      const stop = privacyWeapp.listenForConsentRequests((answer) => shown.push(answer))
      const resolve = jest.fn()
      listener!(resolve)
      expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
      shown[0]!(true)
      expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'bg-privacy-agree' })

      const second = jest.fn()
      listener!(second)
      shown[1]!(false)
      expect(second).toHaveBeenLastCalledWith({ event: 'disagree' })

      // A page that stopped listening declines rather than leaving WeChat waiting.
      stop()
      const late = jest.fn()
      listener!(late)
      expect(late).toHaveBeenCalledWith({ event: 'disagree' })
    } finally {
      delete taro.onNeedPrivacyAuthorization
    }
  })

  it('weapp: does nothing on base libraries without privacy authorization', () => {
    const stop = privacyWeapp.listenForConsentRequests(() => undefined)
    expect(typeof stop).toBe('function')
    expect(privacyWeapp.hasConsent()).toBe(true)
  })
})
