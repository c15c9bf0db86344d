import { randomUUID } from 'node:crypto'
import type {
  OpenApiAnswer,
  OpenApiCalls,
  OpenApiName,
  WeChatOpenApi,
} from '../cloudfunctions/shared/runtime/wechat'
import { renderQrPng } from '../cloudfunctions/shared/people/invite-qr'

/** A call the stand-in received, with the answer it gave. */
export interface RecordedCall<N extends OpenApiName = OpenApiName> {
  api: N
  payload: OpenApiCalls[N]
  answer: OpenApiAnswer | { thrown: string }
  at: string
}

/** What the next calls get instead of success: a WeChat errcode, or a call that never gets an answer. */
export type Scripted = { errCode: number; errMsg?: string } | { throws: string }

/** What content security says of a text or an image (WeChat's `result`). */
export interface ContentVerdict {
  suggest: 'pass' | 'review' | 'risky'
  label?: number
}
export type ContentKind = 'text' | 'media'

/** The event WeChat pushes (消息推送) to the configured function once an image is checked. */
export interface MediaCheckPush {
  ToUserName: string
  FromUserName: string
  CreateTime: number
  MsgType: 'event'
  Event: 'wxa_media_check'
  appid: string
  trace_id: string
  version: 2
  detail: { strategy: string; errcode: number; suggest: string; label: number; prob: number }[]
  errcode: number
  errmsg: string
  result: { suggest: string; label: number }
}

const passLabel = 100

/**
 * WeChat's open APIs as the emulator plays them: every call is recorded (the dev endpoint shows them) and
 * answered ok, unless a test or a developer scripted the next answers (any errcode, or a lost call) for an
 * API. Content security answers with the verdict set for texts or images (pass unless told otherwise);
 * an image's verdict is pushed later, as WeChat does, to whoever receives the pushes: after
 * `mediaPushDelayMs` when that is set (the emulator), or when `deliverMediaChecks` is called (tests).
 */
export class FakeWeChat implements WeChatOpenApi {
  readonly calls: RecordedCall[] = []
  private readonly scripts = new Map<OpenApiName, Scripted[]>()
  private readonly verdicts: Record<ContentKind, { next: ContentVerdict[]; otherwise: ContentVerdict }> = {
    text: { next: [], otherwise: { suggest: 'pass' } },
    media: { next: [], otherwise: { suggest: 'pass' } },
  }
  private readonly pending: MediaCheckPush[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly inFlight = new Set<Promise<unknown>>()
  /** Where image verdicts are pushed (the receiving function); unset, they wait in `pendingMediaChecks`. */
  receiver?: (push: MediaCheckPush) => Promise<unknown>
  /** Set, each verdict is pushed this long after its check was asked for. */
  mediaPushDelayMs?: number

  /**
   * `traceIds` names each image check (random, as WeChat's, by default; a test world counts them, so that
   * two worlds doing the same things store the same records).
   */
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly traceIds: () => string = randomUUID,
  ) {}

  /** The next `times` calls of `api` (a subscription send unless named) answer so, then calls succeed again. */
  answerNext(answer: Scripted, times = 1, api: OpenApiName = 'subscribeMessage.send'): void {
    const script = this.scripts.get(api) ?? []
    for (let index = 0; index < times; index += 1) script.push(answer)
    this.scripts.set(api, script)
  }

  /** Content security's verdict on texts or images: the next `times` checks, or (without times) from now on. */
  setVerdict(kind: ContentKind, verdict: ContentVerdict, times?: number): void {
    if (times === undefined) this.verdicts[kind].otherwise = verdict
    else for (let index = 0; index < times; index += 1) this.verdicts[kind].next.push(verdict)
  }

  /** Subscription messages WeChat accepted, as a user would receive them. */
  delivered(): RecordedCall<'subscribeMessage.send'>[] {
    return this.sends().filter((call) => 'errCode' in call.answer && call.answer.errCode === 0)
  }

  /** Every subscription send attempted, whatever the answer. */
  sends(): RecordedCall<'subscribeMessage.send'>[] {
    return this.callsTo('subscribeMessage.send')
  }

  callsTo<N extends OpenApiName>(api: N): RecordedCall<N>[] {
    return this.calls.filter((call): call is RecordedCall<N> => call.api === api)
  }

  /** Image verdicts not pushed yet. */
  get pendingMediaChecks(): readonly MediaCheckPush[] {
    return this.pending
  }

  /** Takes the waiting image verdicts out without pushing them (a push WeChat lost, or one a test sends). */
  takeMediaChecks(): MediaCheckPush[] {
    return this.pending.splice(0)
  }

  /** Pushes every waiting image verdict now, in order; how many were pushed. */
  async deliverMediaChecks(): Promise<number> {
    const pushes = this.pending.splice(0)
    for (const push of pushes) await this.receiver?.(push)
    return pushes.length
  }

  /** Drops the pushes still scheduled and waits for those under way (the emulator closing). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    await Promise.allSettled([...this.inFlight])
  }

  async call<N extends OpenApiName>(api: N, payload: OpenApiCalls[N]): Promise<OpenApiAnswer<N>> {
    const scripted = this.scripts.get(api)?.shift()
    const at = this.now().toISOString()
    if (scripted && 'throws' in scripted) {
      this.calls.push({ api, payload, answer: { thrown: scripted.throws }, at })
      throw new Error(scripted.throws)
    }
    const answer = scripted
      ? { errCode: scripted.errCode, errMsg: scripted.errMsg ?? `${api}:fail ${scripted.errCode}` }
      : await this.succeed(api, payload)
    this.calls.push({ api, payload, answer, at })
    return answer as OpenApiAnswer<N>
  }

  private verdict(kind: ContentKind): { suggest: ContentVerdict['suggest']; label: number } {
    const verdict = this.verdicts[kind].next.shift() ?? this.verdicts[kind].otherwise
    return {
      suggest: verdict.suggest,
      label: verdict.label ?? (verdict.suggest === 'pass' ? passLabel : 21000),
    }
  }

  private async succeed<N extends OpenApiName>(api: N, payload: OpenApiCalls[N]): Promise<OpenApiAnswer> {
    const ok = { errCode: 0, errMsg: `${api}:ok` }
    if (api === 'security.msgSecCheck') {
      return { ...ok, result: this.verdict('text'), traceId: randomUUID() }
    }
    if (api === 'security.mediaCheckAsync') {
      const traceId = this.traceIds()
      this.schedule(traceId, (payload as OpenApiCalls['security.mediaCheckAsync']).openid)
      return { ...ok, traceId }
    }
    if (api === 'wxacode.getUnlimited') {
      // Not WeChat's round code: a plain QR code of the page with its scene as the query, which a test
      // reads back (the scene the functions make is a query, `code=…`).
      const { page, scene } = payload as OpenApiCalls['wxacode.getUnlimited']
      const buffer = await renderQrPng(`${page}?${scene}`)
      return { ...ok, contentType: 'image/png', buffer }
    }
    return ok
  }

  private schedule(traceId: string, openid: string): void {
    const result = this.verdict('media')
    const push: MediaCheckPush = {
      ToUserName: 'gh_emulator',
      FromUserName: openid,
      CreateTime: Math.floor(this.now().getTime() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx-emulator',
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, ...result, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result,
    }
    if (this.mediaPushDelayMs === undefined || !this.receiver) {
      this.pending.push(push)
      return
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      const delivery: Promise<unknown> = (this.receiver?.(push) ?? Promise.resolve())
        .catch((error: unknown) => console.error('[emulator] media-check push failed', error))
        .finally(() => this.inFlight.delete(delivery))
      this.inFlight.add(delivery)
    }, this.mediaPushDelayMs)
    timer.unref()
    this.timers.add(timer)
  }
}
