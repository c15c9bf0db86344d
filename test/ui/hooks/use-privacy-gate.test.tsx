import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { usePrivacyGate } from '../../../src/hooks/use-privacy-gate'
import { resetTaro } from '../../fakes/taro'
import { privacy, resetPlatform } from '../../fakes/platform'

jest.mock('@tarojs/taro', () => require('../../fakes/taro'))
jest.mock('@/platform/privacy', () => require('../../fakes/platform').privacy)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

describe('the privacy gate', () => {
  it('runs the action at once when the user has consented already', () => {
    const action = jest.fn()
    const { result } = renderHook(() => usePrivacyGate())
    act(() => result.current.run(action))
    expect(action).toHaveBeenCalledTimes(1)
    expect(result.current.sheet.visible).toBe(false)
  })

  it('shows the notice first and runs the action only from the agree tap', () => {
    privacy.hasConsent.mockReturnValue(false)
    const action = jest.fn()
    const { result } = renderHook(() => usePrivacyGate())

    act(() => result.current.run(action))
    expect(action).not.toHaveBeenCalled()
    expect(result.current.sheet).toMatchObject({ visible: true, agreeButtonId: 'bg-privacy-agree' })

    act(() => result.current.sheet.onAgree())
    expect(action).toHaveBeenCalledTimes(1)
    expect(privacy.rememberConsent).toHaveBeenCalled()
    expect(result.current.sheet.visible).toBe(false)
  })

  it('drops the action when the notice is declined, and says what still works', () => {
    privacy.hasConsent.mockReturnValue(false)
    const action = jest.fn()
    const declined = jest.fn()
    const { result } = renderHook(() => usePrivacyGate(declined))

    act(() => result.current.run(action))
    act(() => result.current.sheet.onDecline())
    expect(action).not.toHaveBeenCalled()
    expect(declined).toHaveBeenCalledTimes(1)
    expect(privacy.rememberConsent).not.toHaveBeenCalled()
  })

  it('opens the privacy page from the notice', () => {
    const { result } = renderHook(() => usePrivacyGate())
    result.current.sheet.onReadMore()
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' })
  })
})
