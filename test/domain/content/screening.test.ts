import {
  applyPhotoVerdict,
  evidenceShown,
  type EvidenceCheck,
  decideTexts,
  openScreening,
  photoPublic,
  publiclyVisible,
  stateOf,
  verdictOf,
  type CheckedText,
} from '../../../src/domain/content/screening'
import { actTexts, reportTexts } from '../../../src/domain/content/texts'

const description: CheckedText = { field: 'description', name: '问题描述', content: '工地扬尘' }
const address: CheckedText = { field: 'address', name: '地址', content: '映月路' }

describe('what a content-security answer says', () => {
  it('takes the suggestion of an answer with errcode 0, and its label', () => {
    expect(verdictOf({ errCode: 0, result: { suggest: 'risky', label: 20001 } })).toEqual({
      verdict: 'risky',
      label: 20001,
    })
    expect(verdictOf({ errCode: 0, result: { suggest: 'pass', label: 100 } }).verdict).toBe('pass')
  })

  it('counts a refusal (quota), a lost call or an unknown suggestion as unchecked, never as passed', () => {
    expect(verdictOf({ errCode: 45009 }).verdict).toBe('unchecked')
    expect(verdictOf({ failed: 'timeout' }).verdict).toBe('unchecked')
    expect(verdictOf({ errCode: 0, result: { suggest: 'maybe' } }).verdict).toBe('unchecked')
    expect(verdictOf({ errCode: 0 }).verdict).toBe('unchecked')
  })
})

describe('one verdict for an act’s texts (decideTexts)', () => {
  it('refuses on any risky text, naming the field and WeChat’s reason in Chinese', () => {
    expect(
      decideTexts([
        { text: description, verdict: 'pass' },
        { text: address, verdict: 'risky', label: 20003 },
      ]),
    ).toEqual({
      ok: false,
      field: 'address',
      message: '地址含有辱骂内容，未通过内容安全检测，请修改后再提交',
    })
  })

  it('holds what could not be checked like what must be reviewed, and passes only when all passed', () => {
    const pass = { text: description, verdict: 'pass' as const }
    expect(decideTexts([pass, { text: address, verdict: 'review' }])).toEqual({ ok: true, verdict: 'review' })
    expect(
      decideTexts([
        { text: address, verdict: 'review' },
        { text: description, verdict: 'unchecked' },
      ]),
    ).toEqual({
      ok: true,
      verdict: 'unchecked',
    })
    expect(decideTexts([pass])).toEqual({ ok: true, verdict: 'pass' })
    expect(decideTexts([])).toEqual({ ok: true, verdict: 'pass' })
  })

  it('checks the words people write, not the reasons they pick from a list', () => {
    expect(reportTexts({ description: '黑烟', address: ' ' }).map((text) => text.field)).toEqual([
      'description',
    ])
    expect(actTexts({ type: 'dispute', reason: '还在冒烟' })).toMatchObject([{ field: 'reason', scene: 2 }])
    expect(actTexts({ type: 'reject', reason: 'fake', note: '' })).toEqual([])
    expect(actTexts({ type: 'claim' })).toEqual([])
  })
})

describe('where a case stands with content security', () => {
  it('waits for every photo, then passes only when its words and every shown photo passed', () => {
    expect(stateOf('pass', {})).toBe('passed')
    expect(stateOf('pass', { a: 'pending', b: 'pass' })).toBe('checking')
    expect(stateOf('review', { a: 'pending' })).toBe('checking')
    expect(stateOf('pass', { a: 'pass', b: 'review' })).toBe('review')
    expect(stateOf('pass', { a: 'unchecked' })).toBe('review')
    expect(stateOf('unchecked', { a: 'pass' })).toBe('review')
    // A risky photo is hidden; the rest decide. Every photo risky rejects the case.
    expect(stateOf('pass', { a: 'risky', b: 'pass' })).toBe('passed')
    expect(stateOf('pass', { a: 'risky', b: 'risky' })).toBe('rejected')
  })

  it('opens a report with its photos pending, unless their verdict came first', () => {
    expect(openScreening('pass', ['a', 'b'], { b: 'pass' })).toEqual({
      state: 'checking',
      text: 'pass',
      photos: { a: 'pending', b: 'pass' },
    })
    expect(openScreening('pass', ['a'], { a: 'pass' }).state).toBe('passed')
  })

  it('takes one verdict per photo: a repeated or late push changes nothing', () => {
    const opened = openScreening('pass', ['a', 'b'])
    const first = applyPhotoVerdict(opened, 'a', 'pass')!
    expect(first.state).toBe('checking')
    expect(applyPhotoVerdict(first, 'a', 'pass')).toBeNull()
    expect(applyPhotoVerdict(first, 'a', 'risky')).toBeNull()
    expect(applyPhotoVerdict(first, 'unknown', 'pass')).toBeNull()
    expect(applyPhotoVerdict(first, 'b', 'pass')!.state).toBe('passed')
  })

  it('shows a case to the public only once it passed, and only photos that passed', () => {
    const waiting = openScreening('pass', ['a'])
    expect(publiclyVisible(waiting)).toBe(false)
    const passed = applyPhotoVerdict(waiting, 'a', 'pass')!
    expect(publiclyVisible(passed)).toBe(true)
    expect(photoPublic(passed, 'a')).toBe(true)
    expect(photoPublic(waiting, 'a')).toBe(false)
    expect(publiclyVisible({ ...passed, state: 'review' })).toBe(false)
    // Cases from before the checks stay as they were: listed, with no public photo.
    expect(publiclyVisible(undefined)).toBe(true)
    expect(photoPublic(undefined, 'a')).toBe(false)
  })
})

describe('an evidence photo, as each viewer is shown it', () => {
  const uploader = { openid: 'volunteer-1', staff: false }
  const other = { openid: 'resident-1', staff: false }
  const staff = { openid: 'member-1', staff: true }
  const check = (verdict: EvidenceCheck['verdict'], label?: number): EvidenceCheck => ({
    owner: 'volunteer-1',
    ...(verdict ? { verdict } : {}),
    ...(label !== undefined ? { label } : {}),
  })
  const checking = { state: 'checking', label: '图片审核中' }

  it('shows a photo that passed, or predates the checks, to everyone', () => {
    for (const known of [check('pass'), check(undefined), undefined])
      for (const viewer of [uploader, other, staff])
        expect(evidenceShown(known, viewer)).toEqual({ shown: true, held: null })
  })

  it('shows one being checked to staff and its uploader, 图片审核中 to everyone else', () => {
    for (const verdict of ['pending', 'review', 'unchecked'] as const) {
      expect(evidenceShown(check(verdict), uploader)).toEqual({ shown: true, held: null })
      expect(evidenceShown(check(verdict), staff)).toEqual({ shown: true, held: null })
      expect(evidenceShown(check(verdict), other)).toEqual({ shown: false, held: checking })
    }
  })

  it('shows a risky one to staff only, and tells its uploader why', () => {
    const why = { state: 'hidden', label: '图片含有广告内容，未通过内容安全检测，仅工作人员可见' }
    expect(evidenceShown(check('risky', 10001), uploader)).toEqual({ shown: false, held: why })
    expect(evidenceShown(check('risky', 10001), other)).toEqual({ shown: false, held: null })
    expect(evidenceShown(check('risky', 10001), staff)).toEqual({ shown: true, held: null })
    expect(evidenceShown({ ...check('risky'), owner: 'member-1' }, staff)).toEqual({
      shown: true,
      held: { ...why, label: '图片含有违规内容，未通过内容安全检测，仅工作人员可见' },
    })
  })
})
