// zod must run without `new Function` inside the WeChat mini-program, so the config is set once here,
// before any schema is built. Every domain module imports `z` from this file, never from 'zod' directly.
import { z } from 'zod'

z.config({ jitless: true })

export { z }
