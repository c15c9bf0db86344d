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
})
