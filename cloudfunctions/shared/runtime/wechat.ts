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
}
export type OpenApiName = keyof OpenApiCalls

/** WeChat's answer: errCode 0 on success, else its error code (43101, 47003…). */
export interface OpenApiAnswer {
  errCode: number
  errMsg: string
}

/**
 * The port for WeChat's open APIs. An answer with a non-zero errCode is WeChat refusing; a throw is a call
 * that did not get an answer (network, timeout), which the caller may retry.
 */
export interface WeChatOpenApi {
  call<N extends OpenApiName>(api: N, payload: OpenApiCalls[N]): Promise<OpenApiAnswer>
}

interface WxServerSdk {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  openapi: Record<
    string,
    Record<string, (payload: unknown) => Promise<{ errCode?: number; errMsg?: string }>>
  >
}

/**
 * Cloud calls through wx-server-sdk, the SDK WeChat documents for them (`cloud.openapi.<group>.<method>`,
 * authorised by `permissions.openapi`; no access_token). Loaded on the first call, so a function that
 * makes none (api) needs no such dependency; installed in the cloud from the jobs function's lockfile.
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
        return { errCode: answer.errCode ?? 0, errMsg: answer.errMsg ?? 'ok' }
      } catch (error) {
        // The SDK throws WeChat's refusals with their errCode; anything else did not reach WeChat.
        const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown }
        if (typeof errCode === 'number') return { errCode, errMsg: String(errMsg ?? '') }
        throw error
      }
    },
  }
}
