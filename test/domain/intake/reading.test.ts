import { checkReading } from '../../../src/domain/intake/reading'
import {
  checkFreshness,
  readSignedHeaders,
  signaturesMatch,
  signingString,
} from '../../../src/domain/intake/signature'
import { shippedSettings } from '../../../src/domain/settings'

const now = new Date('2026-11-23T02:00:00.000Z')
const rules = shippedSettings.monitoring
const reading = { stationId: 'st-yingyue', at: '2026-11-23T10:00:00+08:00', pm25: 40, pm10: 90 }

describe('a reading as the intake checks it', () => {
  it('takes a well-formed reading and keeps its time in UTC', () => {
    expect(checkReading({ ...reading, values: { humidity: 40 } }, now, rules)).toEqual({
      ok: true,
      reading: { ...reading, at: '2026-11-23T02:00:00.000Z', values: { humidity: 40 } },
    })
  })

  it.each([
    ['a negative concentration', { pm10: -1 }, 'pm10'],
    ['a concentration beyond any instrument', { pm25: 6000, pm10: 6000 }, 'pm25'],
    ['PM2.5 above PM10', { pm25: 200, pm10: 90 }, 'pm25'],
    ['a reading from the future', { at: '2026-11-23T02:10:00.000Z' }, 'at'],
    ['a reading older than a buffer may hold', { at: '2026-11-22T20:00:00.000Z' }, 'at'],
    ['a value that is not a number', { pm10: 'high' }, 'pm10'],
    ['an unknown field', { secret: 'x' }, '_'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const checked = checkReading({ ...reading, ...change }, now, rules)
    expect(checked).toMatchObject({ ok: false, reason: 'invalid-reading' })
    if (!checked.ok) expect(Object.keys(checked.fields ?? {})).toContain(field)
  })
})

describe('a request signature', () => {
  const headers = {
    'X-BlueGrid-Station': 'st-yingyue',
    'x-bluegrid-timestamp': '1795399200',
    'x-bluegrid-nonce': 'abcdefghijklmnop',
    'x-bluegrid-signature': 'sha256=' + 'A'.repeat(64),
  }

  it('reads the signed headers whatever their case', () => {
    expect(readSignedHeaders(headers)).toEqual({
      ok: true,
      signed: {
        stationId: 'st-yingyue',
        timestamp: 1795399200,
        nonce: 'abcdefghijklmnop',
        signature: 'a'.repeat(64),
      },
    })
  })

  it('refuses a request missing a header, or with a short nonce', () => {
    expect(readSignedHeaders({ ...headers, 'x-bluegrid-timestamp': '' })).toMatchObject({
      reason: 'unsigned',
    })
    expect(readSignedHeaders({ ...headers, 'x-bluegrid-nonce': 'short' })).toMatchObject({
      reason: 'unsigned',
    })
    expect(readSignedHeaders({ ...headers, 'x-bluegrid-signature': 'zz' })).toMatchObject({
      reason: 'bad-signature',
    })
  })

  it('refuses timestamps further than the skew from now, either way', () => {
    const seconds = now.getTime() / 1000
    expect(checkFreshness(seconds - 300, now, 300)).toBeNull()
    expect(checkFreshness(seconds - 301, now, 300)).toMatchObject({ reason: 'stale' })
    expect(checkFreshness(seconds + 301, now, 300)).toMatchObject({ reason: 'stale' })
  })

  it('signs the station, timestamp, nonce and body together', () => {
    expect(signingString({ stationId: 's', timestamp: 1, nonce: 'n', body: '{}' })).toBe('s\n1\nn\n{}')
  })

  it('compares digests exactly', () => {
    expect(signaturesMatch('ab', 'ab')).toBe(true)
    expect(signaturesMatch('ab', 'ac')).toBe(false)
    expect(signaturesMatch('ab', 'abc')).toBe(false)
  })
})
