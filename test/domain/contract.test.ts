import { actions, describeIssues, submitCaseInputSchema } from '../../src/domain/contract'

const valid = {
  requestId: 'req-12345678',
  categoryId: 'open-burning',
  checkId: 'burning-garbage',
  photos: ['cloud://bluegrid-local.bucket/reports/a.jpg'],
  location: { lng: 113.69, lat: 34.72 },
}

describe('the submit contract', () => {
  it('fills defaults for optional fields', () => {
    expect(submitCaseInputSchema.parse(valid)).toMatchObject({
      anonymous: false,
      channel: 'resident',
      description: '',
      address: '',
    })
  })

  it('explains a missing photo in Chinese, keyed by the field', () => {
    const result = submitCaseInputSchema.safeParse({ ...valid, photos: [] })
    expect(result.success).toBe(false)
    if (!result.success) expect(describeIssues(result.error)).toEqual({ photos: '请至少拍摄或选择一张照片' })
  })

  it('refuses more than nine photos and over-long descriptions', () => {
    const result = submitCaseInputSchema.safeParse({
      ...valid,
      photos: Array.from({ length: 10 }, (_, i) => `cloud://env.bucket/p${i}.jpg`),
      description: '烟'.repeat(501),
    })
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(describeIssues(result.error)).toMatchObject({
        photos: '最多上传9张照片',
        description: '问题描述不能超过500字',
      })
    }
  })

  it('refuses a photo that is not a cloud fileID', () => {
    const result = submitCaseInputSchema.safeParse({ ...valid, photos: ['http://example.invalid/x.jpg'] })
    expect(result.success).toBe(false)
    if (!result.success) expect(describeIssues(result.error)['photos.0']).toBe('照片地址无效，请重新上传')
  })

  it('gives a Chinese message even for issues without a custom one', () => {
    const result = actions['case.get'].input.safeParse({})
    expect(result.success).toBe(false)
    if (!result.success) expect(describeIssues(result.error)).toEqual({ caseId: '此项为必填项' })
  })

  it("words other issues without a custom message with zod's Chinese locale", () => {
    const wrong = [
      actions['case.get'].input.safeParse({ caseId: 5 }),
      actions['case.get'].input.safeParse({ caseId: '' }),
      actions['board.list'].input.safeParse({ filter: 'everything' }),
      submitCaseInputSchema.safeParse({ ...valid, location: { lng: 'east', lat: 34.72 } }),
    ]
    for (const result of wrong) {
      expect(result.success).toBe(false)
      if (result.success) continue
      const [message, ...others] = Object.values(describeIssues(result.error))
      expect(others).toEqual([])
      expect(message).toMatch(/^(无效|数值过)/)
    }
  })

  it('keys each issue by the dotted path of its field', () => {
    const result = submitCaseInputSchema.safeParse({ ...valid, requestId: 5, photos: 'none', location: {} })
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(Object.keys(describeIssues(result.error)).sort()).toEqual(
        ['location.lat', 'location.lng', 'photos', 'requestId'].sort(),
      )
    }
  })
})
