/**
 * The cloud path offline: the unmodified @cloudbase/node-sdk, pointed through `serviceUrl` at the emulator's
 * database endpoint served over real HTTP, so every request goes through the SDK's own serialisation. The
 * endpoint wants the token the emulator writes to its data folder, which the SDK sends as its sessionToken.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { issueDatabaseToken, readDatabaseToken } from '../../emulator/access-token'
import { createDatabaseHttpHandler, DatabaseEngine, type Db } from '../../emulator/database'

// Without these node-sdk probes a cloud metadata host and warns about slow requests.
process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

interface NodeSdk {
  init(config: {
    env: string
    secretId: string
    secretKey: string
    sessionToken?: string
    serviceUrl: string
    timeout?: number
  }): {
    database(): Db
  }
}
// node-sdk ships no type declarations for its entry point.
const tcb = require('@cloudbase/node-sdk') as NodeSdk

/** node-sdk's app for a database endpoint, presenting `sessionToken` (the emulator's token) or none. */
export function nodeSdkApp(serviceUrl: string, sessionToken?: string): ReturnType<NodeSdk['init']> {
  return tcb.init({
    env: 'bluegrid-local',
    secretId: 'x',
    secretKey: 'y',
    sessionToken,
    serviceUrl,
    timeout: 5000,
  })
}

export interface NodeSdkDatabase {
  engine: DatabaseEngine
  app: ReturnType<NodeSdk['init']>
  db: Db
  /** The endpoint's URL, for code that builds its own SDK app (e.g. a deployed bundle). */
  serviceUrl: string
  /** The endpoint's token, as read from its data folder (a deployed bundle gets it as TENCENTCLOUD_SESSIONTOKEN). */
  sessionToken: string
  /** Request paths the endpoint has seen, in order. */
  seenPaths: string[]
  close(): Promise<void>
}

/** An in-memory engine behind an HTTP endpoint on a free port, and node-sdk's `app.database()` pointed at it. */
export async function startNodeSdkDatabase(): Promise<NodeSdkDatabase> {
  // The wire test sends ad hoc queries on ad hoc collections: it tests the protocol, not the index list.
  const engine = new DatabaseEngine({ file: ':memory:', requireIndexes: false })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-node-sdk-'))
  const handler = createDatabaseHttpHandler(engine, { token: issueDatabaseToken(dataDir) })
  const sessionToken = readDatabaseToken(dataDir)
  const seenPaths: string[] = []
  const server = http.createServer((req, res) => {
    seenPaths.push(req.url ?? '')
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handler(req, res, Buffer.concat(chunks)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const serviceUrl = `http://127.0.0.1:${port}/tcb`
  const app = nodeSdkApp(serviceUrl, sessionToken)
  return {
    engine,
    app,
    db: app.database(),
    serviceUrl,
    sessionToken,
    seenPaths,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      engine.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
