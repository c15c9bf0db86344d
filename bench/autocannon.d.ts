/** The part of autocannon's programmatic API that bench/http.bench.ts uses (the package ships no types). */
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
    /** Called before each request is sent; answers the request to send (a changed copy of `request`). */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
  }
  interface Client {
    setHeaders(headers: Record<string, string>): void
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    timeout?: number
    requests?: Request[]
    /** Called once per connection (a client) when it is made. */
    setupClient?: (client: Client) => void
  }
  interface Histogram {
    average: number
    p50: number
    p99: number
    max: number
    total: number
  }
  interface Result {
    duration: number
    requests: Histogram
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }
  function autocannon(options: Options): Promise<Result>
  export = autocannon
}
