import { CronExpression } from '../../emulator/cron'

describe('CloudBase-style 7-field cron in Beijing time', () => {
  it('fires every ten minutes on the second zero', () => {
    const cron = new CronExpression('0 */10 * * * * *')
    expect(cron.matches(new Date('2026-11-23T02:10:00Z'))).toBe(true)
    expect(cron.matches(new Date('2026-11-23T02:10:01Z'))).toBe(false)
    expect(cron.matches(new Date('2026-11-23T02:15:00Z'))).toBe(false)
  })

  it('reads hours in Asia/Shanghai: 02:00 Beijing is 18:00 UTC the day before', () => {
    const cron = new CronExpression('0 0 2 * * * *')
    expect(cron.matches(new Date('2026-11-22T18:00:00Z'))).toBe(true)
    expect(cron.matches(new Date('2026-11-23T02:00:00Z'))).toBe(false)
  })

  it('supports weekday lists (Thursday weekly reports) and ranges', () => {
    const cron = new CronExpression('0 0 9 * * 4 *')
    expect(cron.matches(new Date('2026-11-26T01:00:00Z'))).toBe(true) // Thursday 09:00 in Beijing
    expect(new CronExpression('0 0 8-10 * * 1,3,5 *').matches(new Date('2026-11-23T01:00:00Z'))).toBe(true) // Monday 09:00
  })

  it('refuses expressions with the wrong number of fields or values out of range', () => {
    expect(() => new CronExpression('*/5 * * * *')).toThrow(/7 fields/)
    expect(() => new CronExpression('0 61 * * * * *')).toThrow(/out of range/)
  })

  it('fires within the matching second only', () => {
    const cron = new CronExpression('0 */10 * * * * *')
    expect(cron.matches(new Date('2026-11-23T02:10:00.750Z'))).toBe(true)
    expect(cron.matches(new Date('2026-11-23T02:09:59.999Z'))).toBe(false)
  })

  it('accepts weekday and month names', () => {
    const cron = new CronExpression('0 0 8 * JAN,JUL MON-FRI *')
    expect(cron.matches(new Date('2027-01-04T00:00:00Z'))).toBe(true) // Monday 4 January, 08:00 in Beijing
    expect(cron.matches(new Date('2027-01-02T00:00:00Z'))).toBe(false) // a Saturday
    expect(cron.matches(new Date('2026-11-30T00:00:00Z'))).toBe(false) // a Monday in November
    expect(new CronExpression('0 0 9 * * THU *').matches(new Date('2026-11-26T01:00:00Z'))).toBe(true)
  })

  it('fires when either the day of the month or the weekday matches, when both are given', () => {
    const cron = new CronExpression('0 0 9 1 * MON *')
    expect(cron.matches(new Date('2026-11-30T01:00:00Z'))).toBe(true) // Monday the 30th
    expect(cron.matches(new Date('2026-12-01T01:00:00Z'))).toBe(true) // Tuesday the 1st
    expect(cron.matches(new Date('2026-12-02T01:00:00Z'))).toBe(false) // Wednesday the 2nd
  })

  it('honours the year field, read as the Beijing year', () => {
    const cron = new CronExpression('0 0 0 * * * 2027')
    expect(cron.matches(new Date('2026-12-31T16:00:00Z'))).toBe(true) // 1 January 2027 00:00 in Beijing
    expect(cron.matches(new Date('2026-12-30T16:00:00Z'))).toBe(false)
    expect(new CronExpression('0 0 0 * * * 2026-2030/2').matches(new Date('2027-12-31T16:00:00Z'))).toBe(true)
    expect(new CronExpression('0 0 0 * * * 2026,2027').matches(new Date('2027-12-31T16:00:00Z'))).toBe(false)
    expect(() => new CronExpression('0 0 0 * * * 2100')).toThrow(/out of range/)
  })

  it('reads Beijing time whatever the machine’s time zone', () => {
    const machineZone = process.env.TZ
    try {
      process.env.TZ = 'America/New_York'
      const cron = new CronExpression('0 30 8 * * * *')
      expect(cron.matches(new Date('2026-11-23T00:30:00Z'))).toBe(true)
      expect(cron.matches(new Date('2026-11-23T13:30:00Z'))).toBe(false) // 08:30 in New York
    } finally {
      if (machineZone === undefined) delete process.env.TZ
      else process.env.TZ = machineZone
    }
  })
})
