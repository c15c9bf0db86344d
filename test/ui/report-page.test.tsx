import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReportPage from '../../src/pages/report/index'
import { draftStorageKey, type ReportDraft } from '../../src/hooks/use-draft'
import { resetTaro, stored } from '../fakes/taro'
import {
  cloud,
  fail,
  media,
  ok,
  onAction,
  payloadsOf,
  privacy,
  resetPlatform,
  subscribe,
} from '../fakes/platform'
import { caseView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/media', () => require('../fakes/platform').media)
jest.mock('@/platform/location', () => require('../fakes/platform').location)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)
jest.mock('@/platform/subscribe', () => require('../fakes/platform').subscribe)
jest.mock('@/pages/report/index.scss', () => ({}))

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

function choose(pickerClass: string, index: number) {
  fireEvent.change($(`${pickerClass} select`), { target: { value: String(index) } })
}

async function fillValidForm() {
  // Photo: pick → compress → upload (the fake platform answers with a cloud:// fileID).
  await act(async () => {
    fireEvent.click($('.bg-photo-input'))
  })
  await waitFor(() =>
    expect(document.querySelectorAll('.bg-photo-item:not(.bg-photo-item--uploading)')).toHaveLength(1),
  )
  choose('.bg-category-picker', 1) // 建筑工地
  choose('.bg-check-picker', 2) // 出入车辆未100%冲洗
  fireEvent.click($('.bg-demo-location'))
  fireEvent.change($('.bg-description-input textarea'), { target: { value: '渣土车带泥上路' } })
}

describe('report page', () => {
  it('shows Chinese field errors next to the fields and does not call the api when the form is incomplete', async () => {
    render(<ReportPage />)
    fireEvent.click($('.bg-report-submit'))

    expect(await screen.findByText('请至少拍摄或选择一张照片')).toBeTruthy()
    expect(screen.getByText('请选择问题类别')).toBeTruthy()
    expect(screen.getByText('请选择具体问题')).toBeTruthy()
    expect(screen.getByText('请获取当前位置、在地图上选择或填写经纬度')).toBeTruthy()
    expect($('.bg-field-error-photos').textContent).toBe('请至少拍摄或选择一张照片')
    expect($('.bg-field-error-categoryId').textContent).toBe('请选择问题类别')
    expect(cloud.callFunction).not.toHaveBeenCalled()
  })

  it('explains a mistyped coordinate in Chinese and still sends nothing', async () => {
    render(<ReportPage />)
    fireEvent.change($('.bg-lng-input'), { target: { value: '113.69' } })
    fireEvent.change($('.bg-lat-input'), { target: { value: 'abc' } })
    fireEvent.click($('.bg-report-submit'))
    expect(await screen.findByText('请填写正确的纬度，如 34.7288')).toBeTruthy()
    expect(cloud.callFunction).not.toHaveBeenCalled()
  })

  it('keeps the draft when a submit fails, and the retry sends the same requestId', async () => {
    onAction('case.submit', () => {
      throw new TypeError('Failed to fetch')
    })
    render(<ReportPage />)
    await fillValidForm()

    fireEvent.click($('.bg-report-submit'))
    await waitFor(() => expect($('.bg-submit-error').textContent).toContain('网络异常，请检查网络后重试'))
    const kept = stored(draftStorageKey) as ReportDraft
    expect(kept.photos).toHaveLength(1)
    expect(kept.categoryId).toBe('construction-site')
    expect(kept.checkId).toBe('construction-truck-unwashed')
    expect(Taro.redirectTo).not.toHaveBeenCalled()

    onAction('case.submit', () => ok({ case: caseView({ id: 'case-42', isMine: true }), replayed: false }))
    fireEvent.click($('.bg-report-submit'))
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=case-42' }),
    )

    const [first, second] = payloadsOf('case.submit') as { requestId: string }[]
    expect(first?.requestId).toBe(kept.requestId)
    expect(second?.requestId).toBe(kept.requestId)
    expect(second).toMatchObject({
      categoryId: 'construction-site',
      checkId: 'construction-truck-unwashed',
      description: '渣土车带泥上路',
      location: { lng: 113.6925, lat: 34.7288 },
      anonymous: false,
      channel: 'resident',
    })
    // After success the draft is gone, so the next report gets a new requestId.
    expect(stored(draftStorageKey)).toBeUndefined()
  })

  it('keeps the draft and shows the server’s field message when the server refuses the report', async () => {
    onAction('case.submit', () =>
      fail('outside-service-area', '该位置不在服务范围内', { location: '该位置不在服务范围内，请确认位置' }),
    )
    render(<ReportPage />)
    await fillValidForm()
    fireEvent.click($('.bg-report-submit'))
    expect(await screen.findByText('该位置不在服务范围内，请确认位置')).toBeTruthy()
    expect((stored(draftStorageKey) as ReportDraft).photos).toHaveLength(1)
  })

  it('restores a saved draft when the page opens again', async () => {
    const first = render(<ReportPage />)
    choose('.bg-category-picker', 4) // 秸秆和垃圾焚烧
    const requestId = (stored(draftStorageKey) as ReportDraft).requestId
    first.unmount()

    render(<ReportPage />)
    expect($('.bg-category-picker').textContent).toContain('秸秆和垃圾焚烧')
    expect((stored(draftStorageKey) as ReportDraft).requestId).toBe(requestId)
  })

  it('shows a failed upload on its tile and retries it when tapped', async () => {
    cloud.uploadPhoto.mockRejectedValueOnce(new Error('网络异常，照片上传失败'))
    render(<ReportPage />)
    await act(async () => {
      fireEvent.click($('.bg-photo-input'))
    })
    expect(await screen.findByText('网络异常，照片上传失败，点按重试')).toBeTruthy()
    await act(async () => {
      fireEvent.click($('.bg-photo-item--failed'))
    })
    await waitFor(() => expect((stored(draftStorageKey) as ReportDraft | undefined)?.photos).toHaveLength(1))
    expect(media.compressPhoto).toHaveBeenCalledTimes(2)
  })

  it('shows open cases of the same category nearby before submitting, and joins one instead of reporting again', async () => {
    // Someone else's case, as the server shows it to the public: no photos, no reporter, a distance band.
    const existing = {
      ...caseView({
        id: 'case-near',
        caseNo: 'BGNEAR',
        followerCount: 2,
        view: 'summary',
        photos: [],
        reporter: null,
        address: '航海东路街道 / 映月路社区',
        location: { lng: 113.693, lat: 34.729 },
      }),
      distance: { withinMeters: 100, label: '100 米内' },
    }
    onAction('case.nearby', () => ok({ radiusMeters: 100, items: [existing] }))
    onAction('case.join', () => ok({ case: { ...existing, isFollowing: true, followerCount: 3 } }))
    render(<ReportPage />)
    await fillValidForm()

    // Looked up once the category and the place are known (after a short pause in typing).
    await waitFor(() =>
      expect(payloadsOf('case.nearby')).toEqual([
        { categoryId: 'construction-site', location: { lng: 113.6925, lat: 34.7288 } },
      ]),
    )
    expect(await screen.findByText('附近100米内已有 1 个同类问题')).toBeTruthy()
    expect($('.bg-nearby-BGNEAR').textContent).toContain('100 米内 · 2人附议')
    expect($('.bg-report-submit').textContent).toContain('不是同一个问题，提交新举报')

    await act(async () => {
      fireEvent.click($('.bg-join-BGNEAR'))
    })
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=case-near' }),
    )
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '附议此问题' }))
    // With where the report is made from: a join from near the case earns points.
    expect(payloadsOf('case.join')).toEqual([
      { caseId: 'case-near', location: { lng: 113.6925, lat: 34.7288 } },
    ])
    expect(payloadsOf('case.submit')).toEqual([])
    // Joined instead: the draft is done with.
    expect(stored(draftStorageKey)).toBeUndefined()
  })

  it('keeps the draft when the person cancels the join, and says what the server answered when it refuses', async () => {
    const existing = {
      ...caseView({ id: 'case-near', caseNo: 'BGNEAR' }),
      distance: { withinMeters: 100, label: '100 米内' },
    }
    onAction('case.nearby', () => ok({ radiusMeters: 100, items: [existing] }))
    onAction('case.join', () => fail('illegal-transition', '该问题当前状态为“已结案”，不能进行此操作'))
    render(<ReportPage />)
    await fillValidForm()
    await screen.findByText('附近100米内已有 1 个同类问题')

    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await act(async () => {
      fireEvent.click($('.bg-join-BGNEAR'))
    })
    expect(payloadsOf('case.join')).toEqual([])

    await act(async () => {
      fireEvent.click($('.bg-join-BGNEAR'))
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该问题当前状态为“已结案”，不能进行此操作' }),
      ),
    )
    expect((stored(draftStorageKey) as ReportDraft).photos).toHaveLength(1)
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('asks for subscription messages on the submit tap of a complete report, and not for an incomplete one', async () => {
    onAction('case.submit', () => ok({ case: caseView({ id: 'case-43', isMine: true }), replayed: false }))
    render(<ReportPage />)
    fireEvent.click($('.bg-report-submit'))
    await screen.findByText('请选择问题类别')
    expect(subscribe.requestCaseUpdates).not.toHaveBeenCalled()

    await fillValidForm()
    fireEvent.click($('.bg-report-submit'))
    expect(subscribe.requestCaseUpdates).toHaveBeenCalledTimes(1)
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=case-43' }),
    )
    expect(payloadsOf('notification.subscribe')).toEqual([])
  })

  it('records the templates the user allowed once the report is in, so WeChat notices can follow', async () => {
    subscribe.requestCaseUpdates.mockResolvedValueOnce({ outcome: 'accepted', accepted: ['tmpl-progress'] })
    onAction('notification.subscribe', () => ok({ remaining: { 'tmpl-progress': 1 } }))
    onAction('case.submit', () => ok({ case: caseView({ id: 'case-44', isMine: true }), replayed: false }))
    render(<ReportPage />)
    await fillValidForm()
    fireEvent.click($('.bg-report-submit'))
    await waitFor(() =>
      expect(payloadsOf('notification.subscribe')).toEqual([{ accepted: ['tmpl-progress'] }]),
    )
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=case-44' })
  })

  it('shows the privacy notice before the first photo or location, and goes on from the agree tap', async () => {
    privacy.hasConsent.mockReturnValue(false)
    render(<ReportPage />)

    fireEvent.click($('.bg-photo-input'))
    expect(await screen.findByText('隐私保护提示')).toBeTruthy()
    expect(media.choosePhotos).not.toHaveBeenCalled()

    await act(async () => {
      fireEvent.click($('.bg-privacy-agree'))
    })
    expect(privacy.rememberConsent).toHaveBeenCalled()
    expect(media.choosePhotos).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('隐私保护提示')).toBeNull()
  })

  it('takes no photo and no location when the notice is declined, and says what still works', async () => {
    privacy.hasConsent.mockReturnValue(false)
    render(<ReportPage />)
    fireEvent.click($('.bg-locate'))
    await screen.findByText('隐私保护提示')
    fireEvent.click($('.bg-privacy-decline'))
    expect(Taro.getLocation).not.toHaveBeenCalled()
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '需要您同意后才能拍照和获取位置，也可以手动填写位置' }),
    )
  })
})
