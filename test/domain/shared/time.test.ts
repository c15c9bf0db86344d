import { businessDayKey, formatBeijingTime, formatCaseNo, waitingText } from '../../../src/domain/shared/time'

describe('business time', () => {
  it('counts 23:59 Beijing time on the 23rd as the 23rd', () => {
    expect(businessDayKey(new Date('2026-11-23T15:59:00Z'))).toBe('20261123')
  })

  it('counts 00:01 Beijing time on the 24th as the 24th although UTC is still the 23rd', () => {
    expect(businessDayKey(new Date('2026-11-23T16:01:00Z'))).toBe('20261124')
  })

  it('numbers cases per day with four digits', () => {
    expect(formatCaseNo('20261123', 7)).toBe('20261123-0007')
  })

  it('describes waiting time in Chinese', () => {
    const since = new Date('2026-11-23T00:00:00Z')
    expect(waitingText(since, new Date('2026-11-23T00:00:30Z'))).toBe('刚刚')
    expect(waitingText(since, new Date('2026-11-23T02:15:00Z'))).toBe('2小时15分')
    expect(waitingText(since, new Date('2026-11-24T03:00:00Z'))).toBe('1天3小时')
  })
})

describe('showing times to people', () => {
  it('shows a stored UTC time as Beijing wall-clock time, across the date line', () => {
    expect(formatBeijingTime('2026-11-23T18:15:00.000Z')).toBe('2026-11-24 02:15')
  })

  it('shows nothing for an unreadable time', () => {
    expect(formatBeijingTime('not a time')).toBe('')
  })
})
