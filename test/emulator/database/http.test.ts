import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDatabaseHttpHandler, DatabaseEngine } from '../../../emulator/database'
import { isDatabaseRequestBody } from '../../../emulator/database/http'
import { createCollections } from './helpers'

let engine: DatabaseEngine
let server: http.Server
let port: number
const token = 'the-emulator-token'
let failing: DatabaseEngine | undefined

beforeAll(async () => {
  engine = new DatabaseEngine(':memory:')
  createCollections(engine)
  const handler = createDatabaseHttpHandler(engine, { token })
  // An engine that breaks with an internal error carrying a detail the caller must not see.
  const broken = {
    latencyMs: 0,
    execute() {
      throw new Error('SQLITE_CORRUPT at /home/developer/secret/bluegrid.sqlite')
    },
  } as unknown as DatabaseEngine
  const brokenHandler = createDatabaseHttpHandler(broken, { token })
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => (failing ? brokenHandler : handler)(req, res, Buffer.concat(chunks)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  engine.close()
})

/** A node-sdk style body: the action's fields plus the token as the SDK sends it. */
const signed = (fields: Record<string, unknown>) => JSON.stringify({ ...fields, sessionToken: token })

function call(body: string, method = 'POST'): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/tcb?env=bluegrid-local&seqId=1',
        method,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        )
      },
    )
    req.on('error', reject)
    req.end(method === 'GET' ? undefined : body)
  })
}

describe('database HTTP endpoint', () => {
  test('answers a node-sdk style request with the engine response', async () => {
    const insert = await call(
      signed({
        action: 'database.insertDocument',
        envName: 'bluegrid-local',
        collectionName: 'c',
        data: ['{"_id":"a","n":{"$numberInt":"1"}}'],
      }),
    )
    expect(insert.status).toBe(200)
    expect(insert.json).toMatchObject({ data: { insertedIds: ['a'] } })
    expect(typeof insert.json.requestId).toBe('string')
    const get = await call(
      signed({
        action: 'database.getDocument',
        collectionName: 'c',
        query: '{"_id":"a"}',
        queryType: 'DOC',
      }),
    )
    expect(get.json).toMatchObject({ data: { list: ['{"_id":"a","n":{"$numberInt":"1"}}'] } })
  })

  test('an engine error is answered 200 {code, message} so node-sdk throws it with its message', async () => {
    const res = await call(
      signed({ action: 'database.getDocument', collectionName: 'c', query: '{"a":{"$near":[0,0]}}' }),
    )
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({
      code: 'UNSUPPORTED_OPERATOR',
      message: 'unsupported query operator $near',
    })
  })

  test.each([
    ['a body that is not JSON', '{"action": ', /not valid JSON/],
    ['a JSON array', '[1,2]', /JSON object/],
    ['a body without an action', signed({ collectionName: 'c' }), /action/],
    ['a non-database action', signed({ action: 'functions.invokeFunction' }), /functions\.invokeFunction/],
  ])('%s gets 400 INVALID_PARAM naming the problem', async (_label, body, message) => {
    const res = await call(body)
    expect(res.status).toBe(400)
    expect(res.json.code).toBe('INVALID_PARAM')
    expect(res.json.message).toMatch(message)
  })

  test('a GET is refused with 405 and the server keeps serving', async () => {
    expect((await call('', 'GET')).status).toBe(405)
    const count = await call(signed({ action: 'database.calculateDocument', collectionName: 'c' }))
    expect(count.json).toMatchObject({ data: { total: 1 } })
  })

  test.each([
    ['no token', {}],
    ['an empty token', { sessionToken: '' }],
    ['another token', { sessionToken: 'guessed' }],
    ['the token in another field', { tcb_sessionToken: token }],
  ])('a request with %s is refused 401 and reads nothing', async (_label, credentials) => {
    const res = await call(
      JSON.stringify({ action: 'database.getDocument', collectionName: 'c', query: '{}', ...credentials }),
    )
    expect(res.status).toBe(401)
    expect(res.json).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining('tcb-token'),
    })
    expect(res.json).not.toHaveProperty('data')
  })

  test('an internal failure is answered 500 with a request id, its detail only in the log', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => {})
    failing = engine
    try {
      const res = await call(signed({ action: 'database.calculateDocument', collectionName: 'c' }))
      expect(res.status).toBe(500)
      expect(res.json).toEqual({
        code: 'SYS_ERR',
        message: `internal error (request ${String(res.json.requestId)})`,
        requestId: expect.any(String),
      })
      expect(JSON.stringify(res.json)).not.toMatch(/SQLITE|secret/)
      expect(log).toHaveBeenCalledWith(
        expect.stringContaining(String(res.json.requestId)),
        expect.objectContaining({ message: expect.stringContaining('SQLITE_CORRUPT') }),
      )
    } finally {
      failing = undefined
      log.mockRestore()
    }
  })

  test('isDatabaseRequestBody tells database calls from other node-sdk calls', () => {
    expect(isDatabaseRequestBody(Buffer.from('{"action":"database.getDocument"}'))).toBe(true)
    expect(isDatabaseRequestBody(Buffer.from('{"action":"functions.invokeFunction"}'))).toBe(false)
    expect(isDatabaseRequestBody(Buffer.from('not json'))).toBe(false)
  })
})
