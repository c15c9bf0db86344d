import fs from 'node:fs'
import { FakeWeChat } from '../../emulator/wechat'
import os from 'node:os'
import path from 'node:path'
import { handleApiEvent } from '../../cloudfunctions/shared/app'
import { verifyTrail } from '../../cloudfunctions/shared/cases/trail'
import type { Runtime } from '../../cloudfunctions/shared/runtime/runtime'
import { createEmulatorDb } from '../../emulator/database'
import { generateDistrict, type GeneratedCase } from '../../emulator/load/district'
import { countStoredCases, writeDistrict } from '../../emulator/load/write'
import { GridTree } from '../../src/domain/grid/tree'
import { demoGridNodes } from '../../emulator/demo/grids'
import { caseEventSchema, caseRecordSchema } from '../../src/domain/case/record'
import { caseStatuses } from '../../src/domain/case/status'
import { shippedSettings } from '../../src/domain/settings'
import { testTrailKey } from '../factories/runtime'
import { LocalStorage } from '../../emulator/storage'

const present = new Date('2026-11-30T02:00:00.000Z')
const options = { cases: 300, seed: 7, present, trailKey: testTrailKey }

function generate() {
  const cases: GeneratedCase[] = []
  const rest = generateDistrict(options, (generated) => cases.push(generated))
  return { cases, ...rest }
}

describe('district-scale load generator', () => {
  const { cases, users, counters, summary } = generate()
  const tree = new GridTree(demoGridNodes)
  const people = new Map(users.map((user) => [user.openid, user]))

  it('makes the cases asked for, in every status, with no act refused by the domain', () => {
    expect(cases).toHaveLength(300)
    expect(summary.refused).toBe(0)
    const statuses = new Set(cases.map(({ record }) => record.status))
    for (const status of caseStatuses) expect(statuses).toContain(status)
    for (const level of ['block', 'community', 'street', 'district'] as const)
      expect(summary.byLevel[level]).toBeGreaterThan(0)
  })

  it('stores records and events in the product’s shapes, each trail sealed so the product’s check verifies it', () => {
    for (const { record, events } of cases) {
      expect(caseRecordSchema.parse(record)).toEqual(record)
      for (const event of events) expect(caseEventSchema.parse(event)).toEqual(event)
      expect(verifyTrail(events, record, testTrailKey)).toMatchObject({ intact: true })
      expect(events.map((event) => event._id)).toEqual(events.map((_, seq) => `${record._id}#${seq}`))
      const times = events.map((event) => Date.parse(event.at))
      expect([...times].sort((a, b) => a - b)).toEqual(times)
      expect(times[times.length - 1]).toBeLessThan(present.getTime())
      expect(present.getTime() - Date.parse(record.createdAt)).toBeLessThanOrEqual(366 * 86_400_000)
    }
  })

  it('has claims made by staff working the grid the case sat on, and reporters among known people', () => {
    for (const { record, events } of cases) {
      expect(people.has(record.reporterId)).toBe(true)
      for (const event of events.filter((item) => item.type === 'claim')) {
        const claimer = people.get(event.actorId)!
        expect(claimer.gridIds.some((gridId) => tree.covers(gridId, event.gridId))).toBe(true)
      }
    }
    expect(cases.some(({ record }) => record.reporterId === 'demo-resident')).toBe(true)
    const categories = new Set(shippedSettings.categories.categories.map((category) => category.id))
    expect(cases.every(({ record }) => categories.has(record.categoryId))).toBe(true)
  })

  it('numbers cases per Beijing day, and the counters carry on from the last number', () => {
    const numbers = cases.map(({ record }) => record.caseNo)
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const caseNo of numbers) {
      const [day, serial] = caseNo.split('-')
      expect(counters.get(day!)).toBeGreaterThanOrEqual(Number(serial))
    }
  })

  it('gives the same data for the same seed and present', () => {
    const again = generate()
    expect(again.cases.map(({ record }) => record.lastHash)).toEqual(
      cases.map(({ record }) => record.lastHash),
    )
  })

  it('writes a database the api serves: a board, my cases and a trail check', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-seed-load-'))
    const file = path.join(dir, 'bluegrid.sqlite')
    try {
      const { summary: written } = writeDistrict(file, { ...options, cases: 120 })
      expect(countStoredCases(file)).toBe(written.cases)
      const { db, close } = createEmulatorDb({ file })
      const runtime: Runtime = {
        db,
        callerOpenid: (context) => (context as { openid: string }).openid,
        now: () => present,
        files: new LocalStorage(dir, 'bluegrid-local', 1024 * 1024).forFunctions(() => present),
        settings: shippedSettings,
        trailKey: testTrailKey,
        wechat: new FakeWeChat(() => present),
      }
      const call = async (openid: string, action: string, payload: unknown) =>
        (await handleApiEvent(runtime, { action, payload }, { openid })) as { ok: boolean; data: never }
      try {
        const board = await call('demo-grid-leader-1', 'board.list', {})
        expect(board.ok).toBe(true)
        const { items, hasMore } = board.data as { items: { id: string }[]; hasMore: boolean }
        expect(items.length).toBeGreaterThan(0)
        expect(hasMore).toBe(true)
        const trail = await call('demo-grid-leader-1', 'case.verifyTrail', { caseId: items[0]!.id })
        expect(trail).toMatchObject({ ok: true, data: { intact: true } })
        expect(await call('demo-resident', 'case.mine', {})).toMatchObject({ ok: true })
      } finally {
        close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
