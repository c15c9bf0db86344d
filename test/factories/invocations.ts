/**
 * Invocations as CloudBase delivers them to `main(event, context)`: the context states the invocation's
 * environment, as a JSON `environment` or an older `environ` string.
 */
const namespace = 'bluegrid-local'

function scfContext(functionName: string, environment: Record<string, string>, form: 'json' | 'environ') {
  const base = {
    request_id: `request-${Math.random().toString(36).slice(2)}`,
    function_name: functionName,
    function_version: '$LATEST',
    namespace,
    memory_limit_in_mb: 256,
    time_limit_in_ms: 10_000,
  }
  return form === 'json'
    ? { ...base, environment: JSON.stringify(environment) }
    : {
        ...base,
        environ: Object.entries(environment)
          .map(([key, value]) => `${key}=${value}`)
          .join(';'),
      }
}

/** A mini-program's `wx.cloud.callFunction`: the user's OPENID comes with the invocation. */
export function wechatCall(
  functionName: string,
  openid: string,
  data: unknown,
  form: 'json' | 'environ' = 'environ',
) {
  const context = scfContext(
    functionName,
    {
      WX_OPENID: openid,
      WX_APPID: 'wx0000000000000000',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      TCB_ENV: namespace,
      TRIGGER_SRC: 'tcb',
      TCB_SOURCE: 'wx_client',
      TCB_CONTEXT_KEYS: 'TCB_ENV,TRIGGER_SRC,TCB_SOURCE',
      SCF_NAMESPACE: namespace,
    },
    form,
  )
  return { event: data, context }
}

/** A timer trigger firing: the event names the trigger; no user. */
export function timerCall(functionName: string, triggerName = 'sweep-every-ten-minutes') {
  return {
    event: { Type: 'Timer', TriggerName: triggerName, Time: '2026-11-23T02:00:00Z', Message: '' },
    context: scfContext(functionName, { TRIGGER_SRC: 'timer', SCF_NAMESPACE: namespace }, 'json'),
  }
}

/** A request through HTTP access: the event describes the request, its body is a string; no user. */
export function httpCall(functionName: string, body: unknown) {
  return {
    event: {
      path: `/${functionName}`,
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json', host: `${namespace}.service.tcloudbase.com` },
      queryStringParameters: {},
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { appId: '1250000000', envId: namespace, requestId: 'http-request' },
    },
    context: scfContext(functionName, { SCF_NAMESPACE: namespace }, 'json'),
  }
}
