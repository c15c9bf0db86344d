// zod must run without `new Function` inside the WeChat mini-program, so the config is set once here,
// before any schema is built. Every domain module imports `z` from this file, never from 'zod' directly.
// Issues whose schema gives no message of its own are worded by zod's Chinese locale (imported alone, so
// the mini-program does not carry the other locales); a missing field gets a plainer message than the
// locale's "expected string, received undefined".
import { z } from 'zod'
import { zhCN } from 'zod/locales'

z.config({
  jitless: true,
  ...zhCN(),
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? '此项为必填项' : undefined,
})

export { z }
