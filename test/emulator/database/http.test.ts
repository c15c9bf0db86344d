import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDatabaseHttpHandler, DatabaseEngine } from '../../../emulator/database'
import { isDatabaseRequestBody } from '../../../emulator/database/http'
import { createCollections } from './helpers'

let engine: DatabaseEngine
let server: http.Server
let port: number

beforeAll(async () => {
  engine = new DatabaseEngine(':memory:')
  createCollections(engine)
  const handler = createDatabaseHttpHandler(engine)
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handler(req, res, Buffer.concat(chunks)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  engine.close()
})

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
      JSON.stringify({
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
      JSON.stringify({
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
      JSON.stringify({ action: 'database.getDocument', collectionName: 'c', query: '{"a":{"$near":[0,0]}}' }),
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
    ['a body without an action', '{"collectionName":"c"}', /action/],
    ['a non-database action', '{"action":"functions.invokeFunction"}', /functions\.invokeFunction/],
  ])('%s gets 400 INVALID_PARAM naming the problem', async (_label, body, message) => {
    const res = await call(body)
    expect(res.status).toBe(400)
    expect(res.json.code).toBe('INVALID_PARAM')
    expect(res.json.message).toMatch(message)
  })

  test('a GET is refused with 405 and the server keeps serving', async () => {
    expect((await call('', 'GET')).status).toBe(405)
    const count = await call(JSON.stringify({ action: 'database.calculateDocument', collectionName: 'c' }))
    expect(count.json).toMatchObject({ data: { total: 1 } })
  })

  test('isDatabaseRequestBody tells database calls from other node-sdk calls', () => {
    expect(isDatabaseRequestBody(Buffer.from('{"action":"database.getDocument"}'))).toBe(true)
    expect(isDatabaseRequestBody(Buffer.from('{"action":"functions.invokeFunction"}'))).toBe(false)
    expect(isDatabaseRequestBody(Buffer.from('not json'))).toBe(false)
  })
})
