import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HandlePage from '../../src/pkg-staff/pages/handle/index'
import { offeredActs } from '../../src/pkg-staff/pages/handle/actions'
import type { CaseView } from '../../src/domain/contract'
import { resetTaro, router } from '../fakes/taro'
import { fail, media, ok, onAction, payloadsOf, resetPlatform, subscribe } from '../fakes/platform'
import { caseView, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/subscribe', () => require('../fakes/platform').subscribe)
jest.mock('@/platform/media', () => require('../fakes/platform').media)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)

/** Claimed by 网格员小许, the grid member the fake me.get answers as unless a test says otherwise. */
const claimed = (overrides: Partial<CaseView> = {}) =>
  caseView({
    id: 'case-1',
    status: 'claimed',
    statusLabel: '处理中',
    claimedBy: { nickname: '网格员小许', at: new Date().toISOString() },
    ...overrides,
  })
const claimedByMe = (overrides: Partial<CaseView> = {}) =>
  claimed({ viewer: { isReporter: false, isClaimer: true, isJointHandler: false }, ...overrides })

const trail = [
  {
    seq: 1,
    type: 'submit',
    label: '登记',
    actorLabel: '林女士',
    from: '',
    to: 'pending' as const,
    note: '',
    evidence: [],
    heldEvidence: [],
    at: new Date().toISOString(),
  },
]

/** case.get answers with the latest case, as the server would after an act. */
function serveCase(initial: CaseView) {
  let current = initial
  onAction('case.get', () => ok({ case: current, events: trail }))
  return (next: CaseView) => {
    current = next
    return ok({ case: next })
  }
}

beforeEach(() => {
  resetTaro()
  resetPlatform()
  router.params = { id: 'case-1' }
  onAction('me.get', () => ok(meView()))
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

function actButtons(): string[] {
  return Array.from(document.querySelectorAll('.bg-handle__act-button')).map((node) => node.textContent ?? '')
}

async function confirmDialog() {
  await act(async () => {
    fireEvent.click($('.bg-action-dialog .nut-dialog-footer-ok'))
  })
}

describe('handling a case', () => {
  it('offers the claimer of a case the acts of a claimer, and not those of the level above', async () => {
    serveCase(claimedByMe())
    render(<HandlePage />)
    await waitFor(() => expect(actButtons().length).toBeGreaterThan(0))
    expect(actButtons()).toEqual(['提交整改结果', '记录部门处置', '上报上级网格', '放弃认领'])
  })

  it("does not take someone for the claimer because they share the claimer's nickname", async () => {
    // Every new WeChat user is called 微信用户: only the server, comparing accounts, knows who claimed.
    onAction('me.get', () => ok(meView({ nickname: '微信用户' })))
    serveCase(claimed({ claimedBy: { nickname: '微信用户', at: new Date().toISOString() } }))
    render(<HandlePage />)
    await waitFor(() => expect(actButtons().length).toBeGreaterThan(0))
    expect(actButtons()).not.toContain('提交整改结果')
  })

  it('rectifies with a measure, a note and an after-photo, and says what the server answered', async () => {
    const answer = serveCase(claimedByMe())
    onAction('case.rectify', (payload) =>
      answer(
        claimedByMe({
          status: 'rectified',
          statusLabel: '已整改待核查',
          ...(payload as object),
        } as Partial<CaseView>),
      ),
    )
    render(<HandlePage />)
    fireEvent.click(await waitFor(() => $('.bg-act-rectify')))
    expect(await screen.findByText('整改后照片（必填）')).toBeTruthy()

    // Nothing chosen yet: the modal stays open with the reasons, and nothing is sent.
    await confirmDialog()
    expect(await screen.findByText('请选择处置措施')).toBeTruthy()
    expect(screen.getByText('请上传至少一张整改后的照片')).toBeTruthy()
    expect(payloadsOf('case.rectify')).toEqual([])

    fireEvent.click(screen.getByText('现场整治'))
    fireEvent.change($('.bg-act-note textarea'), { target: { value: '已督促工地冲洗车辆' } })
    await act(async () => {
      fireEvent.click($('.bg-action-dialog .bg-photo-input'))
    })
    await waitFor(() =>
      expect(
        document.querySelectorAll('.bg-action-dialog .bg-photo-item:not(.bg-photo-item--uploading)'),
      ).toHaveLength(1),
    )
    expect(media.compressPhoto).toHaveBeenCalledTimes(1)

    await confirmDialog()
    await waitFor(() =>
      expect(payloadsOf('case.rectify')).toEqual([
        {
          caseId: 'case-1',
          measure: 'on-site-fix',
          note: '已督促工地冲洗车辆',
          photos: ['cloud://bluegrid-local.test/reports/blobphoto1.jpg'],
        },
      ]),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已提交整改，当前状态：已整改待核查' }),
    )
    await waitFor(() => expect($('.bg-case-status').textContent).toContain('已整改待核查'))
  })

  it('tells a second claimer who has the case, closes the modal and shows the case as it now is', async () => {
    serveCase(caseView({ id: 'case-1' }))
    onAction('case.claim', () => fail('not-claimable', '该问题已被秦网格长认领'))
    render(<HandlePage />)
    fireEvent.click(await waitFor(() => $('.bg-act-claim')))
    await confirmDialog()
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该问题已被秦网格长认领' }),
      ),
    )
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '认领成功' }))
    await waitFor(() => expect(document.querySelector('.bg-action-dialog .nut-dialog-footer-ok')).toBeNull())
    expect(payloadsOf('case.get').length).toBeGreaterThanOrEqual(2)
  })

  it('asks for WeChat notices in the claim confirm tap, and records them once the claim is won', async () => {
    const answer = serveCase(caseView({ id: 'case-1' }))
    onAction('case.claim', () => answer(claimedByMe({ id: 'case-1' })))
    onAction('notification.subscribe', () => ok({ remaining: { 'tmpl-assigned': 1 } }))
    subscribe.requestCaseUpdates.mockResolvedValueOnce({ outcome: 'accepted', accepted: ['tmpl-assigned'] })
    render(<HandlePage />)
    fireEvent.click(await waitFor(() => $('.bg-act-claim')))
    expect(subscribe.requestCaseUpdates).not.toHaveBeenCalled()
    await confirmDialog()
    expect(subscribe.requestCaseUpdates).toHaveBeenCalledTimes(1)
    await waitFor(() =>
      expect(payloadsOf('notification.subscribe')).toEqual([{ accepted: ['tmpl-assigned'] }]),
    )
  })

  it('lets a community leader verify a rectified case, pass or fail', async () => {
    onAction('me.get', () => ok(meView({ role: 'grid_leader', roleLabel: '网格长', nickname: '网格长老周' })))
    const answer = serveCase(claimed({ status: 'rectified', statusLabel: '已整改待核查' }))
    onAction('case.verify', () => answer(claimed({ status: 'verified', statusLabel: '待市民确认' })))
    render(<HandlePage />)
    await waitFor(() => expect(actButtons()).toContain('核查整改结果'))
    expect(actButtons()).not.toContain('提交整改结果')

    fireEvent.click($('.bg-act-verify'))
    await confirmDialog()
    expect(await screen.findByText('请选择核查结果')).toBeTruthy()
    fireEvent.click(screen.getByText('未通过，退回整改'))
    await confirmDialog()
    expect(await screen.findByText('请写明核查未通过的原因')).toBeTruthy()
    fireEvent.click(screen.getByText('通过'))
    await confirmDialog()
    await waitFor(() =>
      expect(payloadsOf('case.verify')).toEqual([{ caseId: 'case-1', passed: true, note: '' }]),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '核查通过，已请举报人确认' }),
    )
  })

  it("lets a leader tick the people to attach for joint enforcement from the grid's staff, instead of typing accounts", async () => {
    onAction('me.get', () => ok(meView({ role: 'grid_leader', roleLabel: '网格长', nickname: '网格长老周' })))
    const answer = serveCase(claimed({ jointHandlers: ['下沉执法员老彭'] }))
    onAction('case.handlerCandidates', () =>
      ok({
        items: [
          {
            openid: 'demo-sunk-staff',
            nickname: '下沉执法员老彭',
            roleLabel: '下沉人员',
            where: '映月路社区第1网格',
            attached: true,
          },
          {
            openid: 'demo-air-office',
            nickname: '大气办小江',
            roleLabel: '区大气办',
            where: '管城回族区',
            attached: false,
          },
        ],
      }),
    )
    onAction('case.attachHandlers', () =>
      answer(claimed({ jointHandlers: ['下沉执法员老彭', '大气办小江'] })),
    )
    render(<HandlePage />)
    fireEvent.click(await waitFor(() => $('.bg-act-attachHandlers')))
    expect(await screen.findByText('大气办小江（区大气办，管城回族区）')).toBeTruthy()
    expect(screen.getByText('已在联合执法名单中：下沉执法员老彭')).toBeTruthy()

    await confirmDialog()
    expect(await screen.findByText('请选择参与联合执法的人员')).toBeTruthy()
    expect(payloadsOf('case.attachHandlers')).toEqual([])

    fireEvent.click(screen.getByText('大气办小江（区大气办，管城回族区）'))
    await confirmDialog()
    await waitFor(() =>
      expect(payloadsOf('case.attachHandlers')).toEqual([{ caseId: 'case-1', openids: ['demo-air-office'] }]),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已增派：下沉执法员老彭、大气办小江' }),
    )
  })

  it('shows field messages from the server in the modal and keeps it open', async () => {
    serveCase(claimedByMe())
    onAction('case.release', () =>
      fail('invalid-input', '填写的内容有误，请检查后再提交', { reason: '不能超过200字' }),
    )
    render(<HandlePage />)
    fireEvent.click(await waitFor(() => $('.bg-act-release')))
    fireEvent.change($('.bg-act-note textarea'), { target: { value: '不在本网格' } })
    await confirmDialog()
    expect(await screen.findByText('不能超过200字')).toBeTruthy()
    expect($('.bg-action-dialog .nut-dialog-footer-ok')).toBeTruthy()
  })

  it('shows a case outside the staff member’s grids as its public summary, with no act offered', async () => {
    serveCase(
      caseView({
        id: 'case-1',
        view: 'summary',
        photos: [],
        reporter: null,
        address: '航海东路街道 / 映月路社区',
        location: { lng: 113.693, lat: 34.729 },
      }),
    )
    render(<HandlePage />)
    expect(await screen.findByText('该问题当前为“待认领”，您暂时没有可进行的操作。')).toBeTruthy()
    expect($('.bg-public-summary').textContent).toContain('该问题不在您负责的范围内')
    expect(screen.getByText('航海东路街道 / 映月路社区（约 113.693, 34.729）')).toBeTruthy()
    expect(screen.getByText('不公开')).toBeTruthy()
  })

  it('says so when there is nothing this person may do now', async () => {
    onAction('me.get', () => ok(meView({ role: 'resident', roleLabel: '市民' })))
    serveCase(caseView({ id: 'case-1', status: 'closed', statusLabel: '已结案' }))
    render(<HandlePage />)
    expect(await screen.findByText('该问题当前为“已结案”，您暂时没有可进行的操作。')).toBeTruthy()
  })
})

describe('passing a handling photo WeChat held for a person', () => {
  const heldPhoto = { photoId: 'photo-after-1', photo: 'https://files.example/after-1.jpg' }
  const rectifyEvent = (awaitingReview: { photoId: string; photo: string }[]) => ({
    ...trail[0]!,
    seq: 2,
    type: 'rectify',
    label: '提交整改',
    actorLabel: '网格员小许',
    from: 'claimed',
    to: 'rectified' as const,
    evidence: [],
    heldEvidence: [{ state: 'checking' as const, label: '图片审核中' }],
    ...(awaitingReview.length ? { awaitingReview } : {}),
  })

  /** case.get answers with the held photo until case.approveEvidence passes it. */
  function serveHeldCase() {
    let passed = false
    const rectified = claimedByMe({ status: 'rectified', statusLabel: '已整改待核查' })
    onAction('case.get', () =>
      ok({ case: rectified, events: [trail[0]!, rectifyEvent(passed ? [] : [heldPhoto])] }),
    )
    return {
      pass: () => {
        passed = true
        return ok({ case: rectified })
      },
    }
  }

  const passButtons = () => Array.from(document.querySelectorAll('.bg-evidence-review__pass'))

  it('shows each held photo with the step it belongs to, and passes it after a confirm', async () => {
    const served = serveHeldCase()
    onAction('case.approveEvidence', () => served.pass())
    render(<HandlePage />)
    expect(await screen.findByText('待人工复核的处理照片')).toBeTruthy()
    expect($('.bg-evidence-review__photo').getAttribute('src')).toBe(heldPhoto.photo)
    expect($('.bg-evidence-review__step').textContent).toBe('提交整改')

    await act(async () => {
      fireEvent.click(passButtons()[0]!)
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '复核通过' }))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '已复核通过，照片已公开' }),
      ),
    )
    expect(payloadsOf('case.approveEvidence')).toEqual([{ caseId: 'case-1', photoId: 'photo-after-1' }])
    // The case is read again and the photo no longer waits.
    await waitFor(() => expect(document.querySelector('.bg-evidence-review')).toBeNull())
  })

  it('sends nothing when the confirm is cancelled', async () => {
    serveHeldCase()
    jest
      .mocked(Taro.showModal)
      .mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    render(<HandlePage />)
    const button = await waitFor(() => $('.bg-evidence-review__pass'))
    await act(async () => {
      fireEvent.click(button)
    })
    expect(payloadsOf('case.approveEvidence')).toEqual([])
    expect(passButtons()).toHaveLength(1)
  })

  it('says why the server refused, and shows the case as it now is', async () => {
    serveHeldCase()
    onAction('case.approveEvidence', () => fail('illegal-transition', '这张照片没有待人工复核的内容'))
    render(<HandlePage />)
    const button = await waitFor(() => $('.bg-evidence-review__pass'))
    const readsBefore = payloadsOf('case.get').length
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '这张照片没有待人工复核的内容' }),
      ),
    )
    await waitFor(() => expect(payloadsOf('case.get').length).toBeGreaterThan(readsBefore))
    expect(Taro.showToast).not.toHaveBeenCalledWith(
      expect.objectContaining({ title: '已复核通过，照片已公开' }),
    )
  })

  it('shows nothing to review when no photo waits on a person', async () => {
    serveCase(claimedByMe())
    render(<HandlePage />)
    await waitFor(() => expect(actButtons().length).toBeGreaterThan(0))
    expect(document.querySelector('.bg-evidence-review')).toBeNull()
  })
})

describe('which acts are offered (preview with the status table)', () => {
  const office = (districtUnit: 'air_office' | 'long_term_office' | 'social_office') => ({
    role: 'district_office' as const,
    districtUnit,
  })

  it('offers the city sign-off only to the air and long-term offices', () => {
    const waiting = caseView({ status: 'awaiting-signoff', statusLabel: '待区级会签' })
    expect(offeredActs(waiting, office('air_office')).map((spec) => spec.key)).toContain('signOff')
    expect(offeredActs(waiting, office('long_term_office')).map((spec) => spec.key)).toContain('signOff')
    expect(offeredActs(waiting, office('social_office')).map((spec) => spec.key)).not.toContain('signOff')
  })

  it('offers a pending case to grid staff to claim, and leaders may also merge, reject or send it back', () => {
    const pending = caseView()
    expect(offeredActs(pending, { role: 'grid_member' }).map((spec) => spec.key)).toEqual([
      'claim',
      'escalate',
    ])
    expect(offeredActs(pending, { role: 'grid_leader' }).map((spec) => spec.key)).toEqual([
      'claim',
      'escalate',
      'sendBack',
      'merge',
      'reject',
    ])
    expect(offeredActs(pending, { role: 'supervisor' }).map((spec) => spec.key)).toEqual([
      'merge',
      'reject',
      'supervise',
    ])
  })
})
