/**
 * The deployable bundles as CloudBase runs them: `main(event, context)` of cloudfunctions/<name>/index.js,
 * with @cloudbase/node-sdk loaded by the bundle itself and configured only through the environment the
 * platform gives a function (its database endpoint here is the emulator's, over HTTP).
 */
import path from 'node:path'
import { httpCall, timerCall, wechatCall } from '../factories/invocations'
import { startNodeSdkDatabase, type NodeSdkDatabase } from '../factories/node-sdk'
import { seedDemoWorld } from '../factories/runtime'
import { formPost, open311Event, wgsFieldsOf } from '../factories/open311'
import { demoPoints } from '../../emulator/demo/grids'

interface Deployed {
  main(event: unknown, context: unknown): Promise<unknown>
}
const functionsDir = path.resolve(__dirname, '..', '..', 'cloudfunctions')
const load = (name: string) => require(path.join(functionsDir, name, 'index.js')) as Deployed

// What the platform sets for a function, plus what a warm instance may keep from an earlier WeChat call.
const functionEnvironment = {
  TENCENTCLOUD: 'true',
  SILENCE: 'true',
  TENCENTCLOUD_SECRETID: 'dummy-secret-id',
  TENCENTCLOUD_SECRETKEY: 'dummy-secret-key',
  SCF_NAMESPACE: 'bluegrid-local',
  TCB_ENV: 'bluegrid-local',
  TRIGGER_SRC: 'tcb',
  WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
  WX_OPENID: 'demo-supervisor',
  // Deploy configuration: the key the trails are sealed with.
  BLUEGRID_TRAIL_KEY: 'deployed-trail-key-0123456789abcdef0123456789',
}

describe('the deployed functions, by trigger', () => {
  let database: NodeSdkDatabase
  let api: Deployed
  let jobs: Deployed
  let mediaCheck: Deployed
  let open311: Deployed
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    database = await startNodeSdkDatabase()
    await seedDemoWorld(database.engine, database.db)
    const environment = {
      ...functionEnvironment,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: database.serviceUrl }),
      // The platform's temporary credential token: node-sdk sends it with every request, as in the cloud.
      TENCENTCLOUD_SESSIONTOKEN: database.sessionToken,
    }
    for (const [key, value] of Object.entries(environment)) {
      saved[key] = process.env[key]
      process.env[key] = value
    }
    api = load('api')
    jobs = load('jobs')
    mediaCheck = load('media-check')
    open311 = load('open311')
  })

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    await database.close()
  })

  describe('api', () => {
    it('answers a WeChat call as the user the call carries', async () => {
      const call = wechatCall('api', 'demo-grid-member', { action: 'me.get', payload: {} })
      expect(await api.main(call.event, call.context)).toMatchObject({
        ok: true,
        data: { nickname: '网格员小许', role: 'grid_member' },
      })
      const json = wechatCall('api', 'demo-resident', { action: 'me.get', payload: {} }, 'json')
      expect(await api.main(json.event, json.context)).toMatchObject({
        ok: true,
        data: { nickname: '林女士' },
      })
    })

    it('makes a first-time WeChat user a resident', async () => {
      const call = wechatCall('api', 'o-first-time-user', { action: 'me.get', payload: {} })
      expect(await api.main(call.event, call.context)).toMatchObject({ ok: true, data: { role: 'resident' } })
    })

    it('refuses a timer call: it carries no user', async () => {
      const call = timerCall('api')
      expect(await api.main(call.event, call.context)).toEqual({
        ok: false,
        error: { code: 'not-signed-in', message: '请先登录' },
      })
    })

    it('refuses an HTTP call, whatever its body claims, and never takes the caller from process.env', async () => {
      const call = httpCall('api', { action: 'me.get', payload: { openid: 'demo-resident' } })
      expect(await api.main(call.event, call.context)).toEqual({
        ok: false,
        error: { code: 'not-signed-in', message: '请先登录' },
      })
      const { context } = httpCall('api', {})
      expect(await api.main({ action: 'me.get', payload: {} }, context)).toMatchObject({
        error: { code: 'not-signed-in' },
      })
    })
  })

  describe('jobs', () => {
    const refusal = { ok: false, error: { code: 'forbidden', message: '该任务只能由定时触发器运行' } }

    it('runs every job when its timer fires', async () => {
      const call = timerCall('jobs')
      const answer = (await jobs.main(call.event, call.context)) as {
        ok: boolean
        reports: { job: string }[]
      }
      expect(answer.ok).toBe(true)
      expect(answer.reports.map((report) => report.job)).toContain('unclaimed-alert')
    })

    it('refuses a mini-program’s call, even one that sends a timer’s event, and touches nothing', async () => {
      const before = database.seenPaths.length
      for (const data of [{}, timerCall('jobs').event]) {
        const call = wechatCall('jobs', 'demo-resident', data)
        expect(await jobs.main(call.event, call.context)).toEqual(refusal)
      }
      expect(database.seenPaths.length).toBe(before)
    })

    it('refuses an HTTP call and touches nothing', async () => {
      const before = database.seenPaths.length
      const call = httpCall('jobs', timerCall('jobs').event)
      expect(await jobs.main(call.event, call.context)).toEqual(refusal)
      expect(database.seenPaths.length).toBe(before)
    })
  })

  describe('open311', () => {
    const scf = (event: unknown) => ({ event, context: httpCall('open311', {}).context })
    const answered = async (event: unknown) => {
      const call = scf(event)
      const response = (await open311.main(call.event, call.context)) as {
        statusCode: number
        headers: Record<string, string>
        body: string
      }
      return { ...response, json: JSON.parse(response.body) as unknown }
    }

    it('answers GeoReport v2 reads from the HTTP access service’s event, in JSON, with no key', async () => {
      const services = await answered(open311Event('GET', 'services.json'))
      expect(services.statusCode).toBe(200)
      expect(services.headers['content-type']).toBe('application/json; charset=utf-8')
      expect((services.json as { service_code: string }[]).map((s) => s.service_code)).toContain(
        'open-burning',
      )
      const requests = await answered(open311Event('GET', 'requests.json'))
      expect(requests.statusCode).toBe(200)
      expect(Array.isArray(requests.json)).toBe(true)
    })

    it('refuses a post without a registered key, whatever WeChat user the context claims, and touches nothing', async () => {
      jest.spyOn(console, 'warn').mockImplementation(() => {})
      const before = database.seenPaths.length
      const post = formPost({
        api_key: 'demo-supervisor',
        service_code: 'open-burning',
        'attribute[check]': 'burning-garbage',
        ...wgsFieldsOf(demoPoints.yingyueRoadGrid1),
      })
      // A mini-program's callFunction context, carrying a user: still no key, still refused.
      const claimed = wechatCall('open311', 'demo-air-office', post)
      const response = (await open311.main(claimed.event, claimed.context)) as {
        statusCode: number
        body: string
      }
      expect(response.statusCode).toBe(403)
      expect(JSON.parse(response.body)).toEqual([
        { code: 403, description: expect.stringContaining('api_key') },
      ])
      expect(database.seenPaths.length).toBe(before)
    })
  })

  describe('media-check', () => {
    const push = (traceId: string) => ({
      ToUserName: 'gh_test',
      FromUserName: 'demo-resident',
      CreateTime: 1795406400,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx-test',
      trace_id: traceId,
      version: 2,
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
    })

    it('takes a wxa_media_check push, and ignores one whose trace id no photo carries', async () => {
      jest.spyOn(console, 'warn').mockImplementation(() => {})
      const call = wechatCall('media-check', 'demo-resident', push('no-such-trace'))
      expect(await mediaCheck.main(call.event, call.context)).toEqual({ ok: false, ignored: 'unknown-trace' })
    })

    it('refuses anything else (an api call, a timer) and touches nothing', async () => {
      const before = database.seenPaths.length
      for (const call of [
        wechatCall('media-check', 'demo-resident', { action: 'me.get', payload: {} }),
        timerCall('media-check'),
        httpCall('media-check', {}),
      ]) {
        expect(await mediaCheck.main(call.event, call.context)).toEqual({
          ok: false,
          ignored: 'not-a-media-check',
        })
      }
      expect(database.seenPaths.length).toBe(before)
    })
  })
})
