import { shippedSettings } from '../../../src/domain/settings'
import { distanceMeters } from '../../../src/domain/shared/geo'
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../src/domain/open311/coordinates'
import { serviceDefinitionOf, servicesOf, statusOf } from '../../../src/domain/open311/georeport'
import { keyIdOf } from '../../../src/domain/open311/keys'
import {
  beijingDaysOf,
  parseRequestsQuery,
  parseServiceRequestPost,
} from '../../../src/domain/open311/requests'
import { caseStatuses } from '../../../src/domain/case/status'

const catalog = shippedSettings.categories
const now = new Date('2026-12-02T04:00:00.000Z')
const day = 24 * 60 * 60 * 1000

// GeoReport v2, GET Service List: the fields of each service (none is marked "may not be returned").
const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']

describe('Open311: our categories as services', () => {
  it('lists every category with the spec’s service fields, its checks as the attribute to answer', () => {
    const services = servicesOf(catalog)
    expect(services.map((service) => service.service_code)).toEqual(catalog.categories.map((c) => c.id))
    for (const service of services) {
      expect(Object.keys(service).sort()).toEqual([...serviceFields].sort())
      expect(service).toMatchObject({ metadata: true, type: 'realtime' })
      expect(service.service_name).not.toBe('')
    }
    const burning = catalog.categories.find((category) => category.id === 'open-burning')!
    const definition = serviceDefinitionOf(catalog, 'open-burning')!
    expect(definition.attributes).toEqual([
      expect.objectContaining({
        code: 'check',
        datatype: 'singlevaluelist',
        required: true,
        variable: true,
        order: 1,
        values: burning.checks.map((check) => ({ key: check.id, name: check.name })),
      }),
    ])
    expect(serviceDefinitionOf(catalog, 'no-such-service')).toBeUndefined()
  })

  it('calls a case closed once it ended, open before', () => {
    expect(caseStatuses.filter((status) => statusOf(status) === 'closed')).toEqual([
      'closed',
      'rejected',
      'merged',
    ])
  })
})

describe('Open311: WGS-84 at the edge, GCJ-02 inside', () => {
  it('shifts a Zhengzhou point by the datum’s few hundred metres and converts back within a metre', () => {
    const gcj = { lng: 113.6925, lat: 34.7288 }
    const wgs = gcj02ToWgs84(gcj)
    const shift = distanceMeters(gcj, { lng: wgs.long, lat: wgs.lat })
    expect(shift).toBeGreaterThan(100)
    expect(shift).toBeLessThan(1000)
    expect(distanceMeters(wgs84ToGcj02(wgs), gcj)).toBeLessThan(0.5)
  })

  it('leaves a point outside China as it is', () => {
    expect(wgs84ToGcj02({ lat: 51.5, long: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 })
  })
})

describe('Open311: reading GET requests', () => {
  const parse = (params: Record<string, string>) => parseRequestsQuery(params, now, catalog)

  it('defaults to the 90 days up to now, every service and status', () => {
    expect(parse({})).toEqual({
      ok: true,
      value: {
        kind: 'window',
        serviceCodes: [],
        statuses: [],
        from: new Date(now.getTime() - 90 * day).toISOString(),
        to: now.toISOString(),
      },
    })
    // The spec's optional arguments: empty is the same as absent.
    expect(parse({ status: '', service_code: ' ', start_date: '' })).toEqual(parse({}))
  })

  it('takes 90 days from the one date given', () => {
    const fromStart = parse({ start_date: '2026-10-01T00:00:00+08:00' })
    expect(fromStart).toMatchObject({
      value: { from: '2026-09-30T16:00:00.000Z', to: '2026-12-29T16:00:00.000Z' },
    })
    expect(parse({ end_date: '2026-11-01T00:00:00Z' })).toMatchObject({
      value: { from: '2026-08-03T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
    })
  })

  it('takes comma lists of services and statuses; both statuses is no filter', () => {
    expect(parse({ service_code: 'open-burning,road-dust', status: 'open' })).toMatchObject({
      value: { serviceCodes: ['open-burning', 'road-dust'], statuses: ['open'] },
    })
    expect(parse({ status: 'open,closed' })).toMatchObject({ value: { statuses: [] } })
  })

  it('lets service_request_id override everything else', () => {
    expect(parse({ service_request_id: 'case-a,case-b', status: 'nonsense' })).toEqual({
      ok: true,
      value: { kind: 'ids', ids: ['case-a', 'case-b'] },
    })
  })

  it.each([
    [{ start_date: '2026-10-01' }, 'invalid-date', 'start_date'],
    [{ end_date: '2026-10-01T00:00:00' }, 'invalid-date', 'end_date'],
    [{ start_date: '2026-11-02T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }, 'invalid-range', 'start_date'],
    [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, 'range-too-long', '90'],
    [{ status: 'pending' }, 'invalid-status', 'status'],
    [{ service_code: 'potholes' }, 'unknown-service', 'potholes'],
    [{ service_request_id: 'a b' }, 'invalid-request-id', 'service_request_id'],
  ])('refuses %j with 400 (%s), naming it', (params, reason, named) => {
    const parsed = parse(params)
    expect(parsed).toMatchObject({ ok: false, status: 400, reason })
    if (!parsed.ok) expect(parsed.description).toContain(named)
  })

  it('lists the Beijing days a window touches', () => {
    expect(beijingDaysOf('2026-11-30T15:00:00.000Z', '2026-12-01T17:00:00.000Z')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ])
  })
})

describe('Open311: reading POST requests', () => {
  const good = { service_code: 'open-burning', lat: '34.7302', long: '113.6866', description: '焚烧垃圾' }
  const check = { check: 'burning-garbage' }
  const parse = (fields: Record<string, string>, attributes: Record<string, string | string[]> = check) =>
    parseServiceRequestPost(fields, attributes, catalog)

  it('takes a post with a WGS-84 point and converts it to GCJ-02', () => {
    const parsed = parse({ ...good, first_name: '小明', last_name: '王', phone: '13800001234' })
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        serviceCode: 'open-burning',
        checkId: 'burning-garbage',
        contact: { name: '王小明', phone: '13800001234' },
      },
    })
    if (!parsed.ok) return
    expect(distanceMeters(parsed.value.location, { lng: 113.6866, lat: 34.7302 })).toBeGreaterThan(100)
  })

  it.each(
    [
      [{ ...good, service_code: '' }, check, 400, 'missing-service-code'],
      [{ ...good, service_code: 'potholes' }, check, 404, 'unknown-service'],
      [{ service_code: 'open-burning', address_string: '映月路' }, check, 400, 'point-required'],
      [{ service_code: 'open-burning' }, check, 400, 'missing-location'],
      [{ ...good, long: '' }, check, 400, 'invalid-location'],
      [{ ...good, lat: 'north' }, check, 400, 'invalid-location'],
      [{ ...good, lat: '-80' }, check, 400, 'outside-service-area'],
      [good, {}, 400, 'missing-attribute'],
      [good, { check: 'road-spill' }, 400, 'invalid-attribute'],
      [good, { check: ['burning-garbage', 'burning-straw'] }, 400, 'invalid-attribute'],
      [{ ...good, description: '烟'.repeat(4001) }, check, 400, 'description-too-long'],
      [{ ...good, phone: 'call me' }, check, 400, 'invalid-phone'],
      [{ ...good, email: 'nobody' }, check, 400, 'invalid-email'],
    ].map(([fields, attributes, status, reason]) => ({ fields, attributes, status, reason })),
  )('refuses with $status ($reason)', ({ fields, attributes, status, reason }) => {
    const parsed = parse(fields as Record<string, string>, attributes as Record<string, string | string[]>)
    expect(parsed).toMatchObject({ ok: false, status, reason })
  })
})

describe('Open311: api keys', () => {
  it('reads the key id from a key of ours only', () => {
    expect(keyIdOf(`o311_0123456789ab_${'A'.repeat(43)}`)).toBe('0123456789ab')
    expect(keyIdOf(`o311_0123456789ab_${'A'.repeat(42)}`)).toBeNull()
    expect(keyIdOf('xyz')).toBeNull()
    expect(keyIdOf(undefined)).toBeNull()
  })
})
