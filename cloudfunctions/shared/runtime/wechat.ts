/** The WeChat open APIs the functions call (cloud calls), each declared in its function's config.json. */
export interface OpenApiCalls {
  'subscribeMessage.send': {
    touser: string
    templateId: string
    page: string
    data: Record<string, { value: string }>
    miniprogramState?: 'developer' | 'trial' | 'formal'
    lang?: 'zh_CN'
  }
  /**
   * Text content security, v2: errCode 0 even for bad text, the verdict is `result.suggest`. Scene 1 资料,
   * 2 评论, 3 论坛, 4 社交日志. The user must have opened the mini-program within the last two hours.
   */
  'security.msgSecCheck': { version: 2; openid: string; scene: 1 | 2 | 3 | 4; content: string }
  /**
   * Image content security, v2, asynchronous: the answer carries a trace id; the verdict is pushed later as a
   * `wxa_media_check` event. The URL must be public http(s) (a temporary URL, never a cloud:// fileID).
   * Cloud calls spell parameters in camelCase (as subscribeMessage.send's templateId).
   */
  'security.mediaCheckAsync': {
    version: 2
    openid: string
    scene: 1 | 2 | 3 | 4
    mediaUrl: string
    mediaType: 2
  }
  /** The mini-program code (小程序码) of a page with a scene string (≤ 32 visible characters). */
  'wxacode.getUnlimited': {
    scene: string
    page: string
    checkPath?: boolean
    envVersion?: 'release' | 'trial' | 'develop'
    width?: number
  }
}
export type OpenApiName = keyof OpenApiCalls

/** What each call answers besides its errCode, as wx-server-sdk returns it (camelCase). */
export interface OpenApiResults {
  'subscribeMessage.send': object
  'security.msgSecCheck': { result?: { suggest?: string; label?: number }; traceId?: string }
  'security.mediaCheckAsync': { traceId?: string }
  'wxacode.getUnlimited': { buffer?: Uint8Array; contentType?: string }
}

/** WeChat's answer: errCode 0 on success, else its error code (43101, 47003…), with the call's own fields. */
export type OpenApiAnswer<N extends OpenApiName = OpenApiName> = {
  errCode: number
  errMsg: string
} & Partial<OpenApiResults[N]>

/**
 * The port for WeChat's open APIs. An answer with a non-zero errCode is WeChat refusing; a throw is a call
 * that did not get an answer (network, timeout), which the caller may retry.
 */
export interface WeChatOpenApi {
  call<N extends OpenApiName>(api: N, payload: OpenApiCalls[N]): Promise<OpenApiAnswer<N>>
}

interface WxServerSdk {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  openapi: Record<
    string,
    Record<string, (payload: unknown) => Promise<{ errCode?: number; errMsg?: string } & object>>
  >
}

/**
 * Cloud calls through wx-server-sdk, the SDK WeChat documents for them (`cloud.openapi.<group>.<method>`,
 * authorised by `permissions.openapi`; no access_token). Loaded on the first call; installed in the cloud from
 * the lockfile of each function that makes cloud calls (api checks content, jobs sends messages).
 */
export function cloudWeChat(): WeChatOpenApi {
  let sdk: WxServerSdk | undefined
  return {
    async call(api, payload) {
      if (!sdk) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        sdk = require('wx-server-sdk') as WxServerSdk
        sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
      }
      const [group, method] = api.split('.') as [string, string]
      try {
        const answer = await sdk.openapi[group]![method]!(payload)
        return { ...answer, errCode: answer.errCode ?? 0, errMsg: answer.errMsg ?? 'ok' } as OpenApiAnswer<
          typeof api
        >
      } catch (error) {
        // The SDK throws WeChat's refusals with their errCode; anything else did not reach WeChat.
        const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown }
        if (typeof errCode === 'number') return { errCode, errMsg: String(errMsg ?? '') }
        throw error
      }
    },
  }
}
