import type {
  OpenApiAnswer,
  OpenApiCalls,
  OpenApiName,
  WeChatOpenApi,
} from '../cloudfunctions/shared/runtime/wechat'

/** A call the stand-in received, with the answer it gave. */
export interface RecordedCall {
  api: OpenApiName
  payload: OpenApiCalls[OpenApiName]
  answer: OpenApiAnswer | { thrown: string }
  at: string
}

/** What the next calls get instead of success: a WeChat errcode, or a call that never gets an answer. */
export type Scripted = { errCode: number; errMsg?: string } | { throws: string }

/**
 * WeChat's open APIs as the emulator plays them: every call is recorded (the dev endpoint shows them) and
 * answered ok, unless a test or a developer scripted the next answers (any errcode, or a lost call).
 */
export class FakeWeChat implements WeChatOpenApi {
  readonly calls: RecordedCall[] = []
  private readonly script: Scripted[] = []

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The next `times` calls answer so, then calls succeed again. */
  answerNext(answer: Scripted, times = 1): void {
    for (let index = 0; index < times; index += 1) this.script.push(answer)
  }

  /** Subscription messages WeChat accepted, as a user would receive them. */
  delivered(): RecordedCall[] {
    return this.calls.filter(
      (call) => call.api === 'subscribeMessage.send' && 'errCode' in call.answer && call.answer.errCode === 0,
    )
  }

  async call<N extends OpenApiName>(api: N, payload: OpenApiCalls[N]): Promise<OpenApiAnswer> {
    const scripted = this.script.shift()
    const at = this.now().toISOString()
    if (scripted && 'throws' in scripted) {
      this.calls.push({ api, payload, answer: { thrown: scripted.throws }, at })
      throw new Error(scripted.throws)
    }
    const answer = scripted
      ? { errCode: scripted.errCode, errMsg: scripted.errMsg ?? `${api}:fail ${scripted.errCode}` }
      : { errCode: 0, errMsg: `${api}:ok` }
    this.calls.push({ api, payload, answer, at })
    return answer
  }
}
