import type { Db } from '@cloudbase/database'
import { collections, databaseDeclaration, handleApiEvent } from '../../cloudfunctions/shared/app'
import { bootstrapDatabase } from '../../cloudfunctions/shared/db/bootstrap'
import type { Runtime } from '../../cloudfunctions/shared/runtime/runtime'
import { parseSettings, shippedSettingsInput, type Settings } from '../../src/domain/settings'
import type { Envelope } from '../../src/domain/shared/errors'
import type { ActionInput, ActionName, ActionOutput } from '../../src/domain/contract'
import {
  countRequests,
  createEmulatorDb,
  type DatabaseEngine,
  type RequestCounts,
} from '../../emulator/database'
import { demoAccounts, demoUser, type DemoAccount } from '../../emulator/demo/accounts'
import { demoGridNodes } from '../../emulator/demo/grids'
import type { LocalStorage } from '../../emulator/storage'
import { uploadPrefixOf } from '../../cloudfunctions/shared/photos/paths'
import { businessDayKey } from '../../src/domain/shared/time'
import { FakeWeChat } from '../../emulator/wechat'
import { handleMediaCheckPush } from '../../cloudfunctions/shared/content/media-check'
import { startNodeSdkDatabase } from './node-sdk'
import { ownPhoto, testImage, testStorage } from './photos'

/** The trail key of every test world (the cloud's comes from its environment, the emulator's from its data folder). */
export const testTrailKey = 'test-trail-key-0123456789abcdef0123456789abcdef'

export interface TestWorld {
  db: Db
  /** The engine behind `db`: its meter, its per-request delay, a fault injected into it. */
  engine: DatabaseEngine
  runtime: Runtime
  /** WeChat's open APIs as the emulator plays them: the sends made, and the answers scripted per test. */
  wechat: FakeWeChat
  /** Whether image verdicts arrive right after each call (see the `mediaChecks` option); a test may switch. */
  mediaChecks: { auto: boolean }
  /** The storage behind `runtime.files`, as the emulator's (a folder of its own). */
  storage: LocalStorage
  clock: { now: Date; advanceMinutes(minutes: number): void }
  /** An image uploaded into the person's own folder, as their client would; not registered. */
  upload(openid: string, content?: Buffer): string
  /** An upload of the person's, registered through photo.register: what they may name in an act. */
  photo(openid: string, content?: Buffer): Promise<string>
  /** The payload as `call` sends it: each `ownPhoto` in its photos replaced by a registered photo of theirs. */
  withPhotos<T>(openid: string | null, payload: T): Promise<T>
  /**
   * Calls the api as a given openid, exactly as the function entry would (after putting a registered photo
   * of the caller's in place of each `ownPhoto` in the payload's photos).
   */
  call<A extends ActionName>(
    openid: string | null,
    action: A,
    payload: ActionInput<A> | unknown,
  ): Promise<Envelope<ActionOutput<A>>>
  /** Like `call`, also reporting the database requests the call made (and no concurrent call's). */
  metered<A extends ActionName>(
    openid: string | null,
    action: A,
    payload: ActionInput<A> | unknown,
  ): Promise<{ answer: Envelope<ActionOutput<A>>; database: RequestCounts }>
  /** Like `call`, but fails the test when the answer is not ok. */
  ok<A extends ActionName>(
    openid: string,
    action: A,
    payload: ActionInput<A> | unknown,
  ): Promise<ActionOutput<A>>
  /** Redeploys with other tables (validated as at a cold start), e.g. a new points rule version. */
  configure(settings: Partial<Settings>): void
  close(): Promise<void>
}

/**
 * An in-memory database bootstrapped from the declared collections and indexes, with the demo grid tree
 * and accounts, and a clock the test moves. By default the functions get the emulator's in-process Db;
 * with `database: 'node-sdk'` they get the unmodified @cloudbase/node-sdk's `app.database()` over HTTP, as
 * in the cloud.
 */
/**
 * The shipped policy with room for many writes a minute: a test world's clock stands still while a test
 * acts dozens of times as one person. A test that passes its own policy (as the write limit's do) gets
 * exactly that one.
 */
const roomyWritesPolicy = {
  ...(shippedSettingsInput.policy as Record<string, unknown>),
  writeLimit: { perWindow: 1000, windowSeconds: 60 },
}

export async function createTestWorld(
  options: {
    start?: string
    settings?: Partial<Settings>
    database?: 'emulator' | 'node-sdk'
    /** The deploy's bootstrap code hash (BLUEGRID_BOOTSTRAP_CODE_HASH); none by default. */
    bootstrapCodeHash?: string
    /**
     * When WeChat's image verdicts arrive: right after each call and registration (`auto`, the default, as
     * a quick check would), or only when the test calls `wechat.deliverMediaChecks()` (`manual`).
     */
    mediaChecks?: 'auto' | 'manual'
    /** Which demo accounts to seed; all by default (a world before the first office: none of the offices). */
    accounts?: (account: DemoAccount) => boolean
  } = {},
): Promise<TestWorld> {
  const kind = options.database ?? 'emulator'
  const { db, engine, close } = await openDatabase(kind)
  await seedDemoWorld(engine, db, options.accounts)
  const clock = {
    now: new Date(options.start ?? '2026-11-23T02:00:00.000Z'),
    advanceMinutes(minutes: number) {
      clock.now = new Date(clock.now.getTime() + minutes * 60_000)
    },
  }
  const files = testStorage()
  let traceCount = 0
  const wechat = new FakeWeChat(
    () => clock.now,
    () => `test-trace-${String((traceCount += 1)).padStart(6, '0')}`,
  )
  const runtime: Runtime = {
    db,
    callerOpenid: (context) => (context as { openid: string | null }).openid,
    now: () => clock.now,
    files: files.storage.forFunctions(() => clock.now),
    settings: parseSettings({ policy: roomyWritesPolicy, ...options.settings }),
    trailKey: testTrailKey,
    wechat,
    ...(options.bootstrapCodeHash ? { bootstrapCodeHash: options.bootstrapCodeHash } : {}),
  }
  // Image verdicts wait until a test delivers them (world.wechat.deliverMediaChecks()), to the receiver.
  wechat.receiver = (push) => handleMediaCheckPush(runtime, push)
  const mediaChecks = { auto: (options.mediaChecks ?? 'auto') === 'auto' }
  const sendOnly = (openid: string | null, action: ActionName, payload: unknown) =>
    handleApiEvent(runtime, { action, payload }, { openid })
  const send = async (openid: string | null, action: ActionName, payload: unknown) => {
    const answer = await sendOnly(openid, action, payload)
    if (mediaChecks.auto) await wechat.deliverMediaChecks()
    return answer
  }
  let uploads = 0
  // Named in order rather than at random (as the emulator names uploads), so two worlds doing the same
  // things store the same files.
  const upload = (openid: string, content = testImage(uploads)) => {
    uploads += 1
    const name = `${uploadPrefixOf(openid)}${businessDayKey(clock.now)}/upload-${uploads}.png`
    return files.storage.put(name, content).fileID
  }
  const photo = async (openid: string, content?: Buffer) => {
    const fileID = upload(openid, content)
    const answer = await send(openid, 'photo.register', { fileID })
    if (!answer.ok) throw new Error(`photo.register as ${openid} failed: ${JSON.stringify(answer.error)}`)
    return fileID
  }
  // One registered photo per person stands for every `ownPhoto` they send, as someone may reuse theirs.
  const photosTaken = new Map<string, Promise<string>>()
  const withOwnPhotos = async <T>(openid: string | null, payload: T): Promise<T> => {
    const photos = (payload as { photos?: unknown } | null)?.photos
    if (openid === null || !Array.isArray(photos) || !photos.includes(ownPhoto)) return payload
    if (!photosTaken.has(openid)) photosTaken.set(openid, photo(openid))
    const taken = await photosTaken.get(openid)!
    return { ...payload, photos: photos.map((entry) => (entry === ownPhoto ? taken : entry)) }
  }
  const call = (async (openid: string | null, action: ActionName, payload: unknown) =>
    send(openid, action, await withOwnPhotos(openid, payload))) as TestWorld['call']
  const metered = (async (openid: string | null, action: ActionName, payload: unknown) => {
    // Over node-sdk the requests arrive on the HTTP server's own async context, outside the call's scope.
    if (kind !== 'emulator') throw new Error('metered calls need the in-process emulator database')
    const ready = await withOwnPhotos(openid, payload)
    const { value, counts } = await countRequests(() => sendOnly(openid, action, ready))
    // WeChat's verdicts arrive in the receiver's own invocation, not in the act measured.
    if (mediaChecks.auto) await wechat.deliverMediaChecks()
    return { answer: value, database: counts }
  }) as TestWorld['metered']
  const ok = (async (openid: string, action: ActionName, payload: unknown) => {
    const answer = await call(openid, action, payload)
    if (!answer.ok) throw new Error(`${action} as ${openid} failed: ${JSON.stringify(answer.error)}`)
    return answer.data
  }) as TestWorld['ok']
  const configure = (settings: Partial<Settings>) => {
    runtime.settings = parseSettings({ ...runtime.settings, ...settings })
  }
  return {
    db,
    engine,
    runtime,
    wechat,
    mediaChecks,
    storage: files.storage,
    clock,
    upload,
    photo,
    withPhotos: withOwnPhotos,
    call,
    metered,
    ok,
    configure,
    close: async () => {
      await close()
      files.dispose()
    },
  }
}

/** The declared collections and indexes, the demo grid tree and accounts, as every test world starts. */
export async function seedDemoWorld(
  engine: DatabaseEngine,
  db: Db,
  accounts: (account: DemoAccount) => boolean = () => true,
): Promise<void> {
  await bootstrapDatabase(engine, databaseDeclaration)
  for (const { _id, ...fields } of demoGridNodes)
    await db.collection(collections.gridNode).doc(_id).set(fields)
  for (const account of demoAccounts.filter(accounts))
    await db.collection(collections.user).add(demoUser(account))
}

async function openDatabase(
  kind: 'emulator' | 'node-sdk',
): Promise<{ db: Db; engine: DatabaseEngine; close(): void | Promise<void> }> {
  return kind === 'node-sdk'
    ? startNodeSdkDatabase()
    : createEmulatorDb({ file: ':memory:', env: 'bluegrid-test' })
}

let requestCounter = 0

/** A valid submit payload at a point, with a fresh request id unless one is given. */
export function reportAt(
  location: { lng: number; lat: number },
  overrides: Partial<ActionInput<'case.submit'>> = {},
): ActionInput<'case.submit'> {
  requestCounter += 1
  return {
    requestId: `test-request-${String(requestCounter).padStart(6, '0')}`,
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '有人在空地焚烧垃圾',
    photos: [ownPhoto],
    location,
    ...overrides,
  }
}
