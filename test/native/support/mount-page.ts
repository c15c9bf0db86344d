import path from 'path'
import * as simulate from 'miniprogram-simulate'
import { createFakeWx, type CloudResponder, type FakeWx } from './fake-wx'
import type { DistSnapshot } from './dist-snapshot'
import { createScriptRunner, templateFor, templatesOf } from './mini-runtime'

/**
 * Mounts pages of the real weapp build (dist/) under miniprogram-simulate.
 *
 * miniprogram-simulate only knows custom components (`Component({...})`); a Taro page calls `Page(config)` with
 * the object `createPageConfig` builds (onLoad/onShow/onReady/onUnload, the other page lifecycles, the event
 * handler `eh`, and `data: { root: { cn: [] } }`). So we run the build's scripts with our own `Page`,
 * `Component` and `App`, capture those objects, and register the page as a component whose lifetimes drive the
 * page lifecycle the way WeChat would: `attached` -> onLoad(query) + onShow, `ready` -> onReady,
 * `detached` -> onUnload. The templates are compiled by WeChat's own wcc (shipped with miniprogram-simulate),
 * so Taro's base.wxml with its <import>, wxs and recursive `comp` component renders exactly as the build says.
 */

/** The subset of miniprogram-simulate / j-component used here (its own typings need WechatMiniprogram globals). */
interface SimRoot {
  dom: HTMLElement
  instance: Record<string, unknown> & { data: Record<string, unknown> }
  attach(parent: Element): void
  detach(): void
  querySelector(selector: string): SimRoot | undefined
}
interface Simulate {
  load(definition: Record<string, unknown>): string
  render(id: string, properties?: Record<string, unknown>): SimRoot
}
const sim = simulate as unknown as Simulate

type Config = Record<string, unknown>

/** WeChat's template compiler (the package miniprogram-simulate itself uses for `compiler: 'official'`). */

/** The functions of a captured config object, by name (lifecycles and handlers alike). */
function functionsOf(config: Config): Record<string, (...args: unknown[]) => unknown> {
  const out: Record<string, (...args: unknown[]) => unknown> = {}
  for (const [key, value] of Object.entries(config))
    if (typeof value === 'function') out[key] = value as (...args: unknown[]) => unknown
  return out
}

let launchCount = 0

export interface MountedPage {
  route: string
  root: SimRoot
  /** The page instance (`this` in the page's lifecycles): Taro's `setData` tree lives in `instance.data.root`. */
  instance: SimRoot['instance']
  /** Errors the mini-program reported so far (shared with its MiniProgram). */
  errors: unknown[]
  /** Everything rendered into the page, as text. */
  text(): string
  /** Detaches the page, which runs its onUnload (Taro unmounts the React tree). */
  unmount(): void
}

export interface MiniProgram {
  fake: FakeWx
  /** Errors the mini-program reported through console.error or App.onError while running. */
  errors: unknown[]
  /** Loads the page's script and mounts it with `query` as its onLoad options. */
  mountPage(route: string, query?: Record<string, string>): MountedPage
}

/**
 * Starts the mini-program from the snapshot: runs app.js (which `require`s common, vendors, taro and runtime and
 * calls App), then onLaunch/onShow, as WeChat does at a cold start. Each launch gets fresh module state and a
 * fresh `wx`, so pages tested one after another do not share Taro's `Current` or React roots.
 */
export function launchMiniProgram(snapshot: DistSnapshot, respond: CloudResponder): MiniProgram {
  const gwx = templatesOf(snapshot.root)
  const fake = createFakeWx(respond)
  const errors: unknown[] = []
  const launch = ++launchCount

  let appConfig: Config | undefined
  let captured: { kind: 'Page' | 'Component'; config: Config } | undefined
  /** What `getCurrentPages()` answers: the mounted page instances, oldest first. */
  const pageStack: unknown[] = []

  // The names a mini-program script may use as globals; they are parameters of the wrapper function, so the
  // scripts see these and never touch jest's globals. `window`/`document` are jsdom's in this test file but do
  // not exist in WeChat's logic layer; hiding them keeps the bundle on its mini-program code paths.
  const scope: Record<string, unknown> = {
    wx: fake.wx,
    App: (config: Config) => {
      appConfig = config
    },
    Page: (config: Config) => {
      captured = { kind: 'Page', config }
    },
    Component: (config: Config) => {
      captured = { kind: 'Component', config }
    },
    Behavior: (definition: Config) => definition,
    getApp: () => appConfig,
    getCurrentPages: () => pageStack.slice(),
    requirePlugin: () => {
      throw new Error('requirePlugin is not available in the native page tests')
    },
    window: undefined,
    document: undefined,
  }

  const run = createScriptRunner((file) => snapshot.read(file), scope, 'dist')

  const capture = (file: string, kind: 'Page' | 'Component'): Config => {
    captured = undefined
    run(file)
    const got = captured as { kind: string; config: Config } | undefined
    if (!got || got.kind !== kind)
      throw new Error(`${file} did not call ${kind}() (got ${got?.kind ?? 'nothing'})`)
    return got.config
  }

  run('app.js')
  if (!appConfig) throw new Error('app.js did not call App()')
  const app = appConfig
  const onError = app.onError as ((message: string) => void) | undefined
  app.onError = (message: string) => {
    errors.push(message)
    onError?.call(app, message)
  }

  // Taro's base.wxml renders nodes deeper than its inline templates through the recursive custom component
  // `comp` (comp.json uses itself). Register it once per launch under a unique id and point it at itself.
  const compId = `bluegrid-comp-${launch}`
  const compConfig = capture('comp.js', 'Component')
  sim.load({
    ...compConfig,
    id: compId,
    tagName: 'comp',
    template: templateFor(gwx, 'comp'),
    usingComponents: { comp: compId },
  })

  const launchOptions = { path: snapshot.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }
  ;(app.onLaunch as (o: unknown) => void).call(app, launchOptions)
  ;(app.onShow as ((o: unknown) => void) | undefined)?.call(app, launchOptions)

  // exparser may catch what a lifetime throws and only log it; record it where the test looks, then rethrow.
  const guard = (lifecycle: () => void) => {
    try {
      lifecycle()
    } catch (error) {
      errors.push(error)
      throw error
    }
  }

  const mountPage = (route: string, query: Record<string, string> = {}): MountedPage => {
    const pageJson = JSON.parse(snapshot.read(`${route}.json`)) as {
      usingComponents?: Record<string, string>
    }
    const appUsing = snapshot.appJson.usingComponents ?? {}
    const using = { ...appUsing, ...(pageJson.usingComponents ?? {}) }
    // The build only ever declares `comp`; anything else is a new kind of output this shim must learn about.
    const unknown = Object.entries(using).filter(
      ([name, target]) => name !== 'comp' || path.posix.basename(target) !== 'comp',
    )
    if (unknown.length)
      throw new Error(`${route} uses components this test does not register: ${JSON.stringify(unknown)}`)

    const pageConfig = capture(`${route}.js`, 'Page')
    const { data, ...rest } = pageConfig
    const lifecycle = functionsOf(rest)
    const id = `bluegrid-page-${launch}-${route.replace(/\W/g, '-')}`
    sim.load({
      id,
      tagName: `page-${route.replace(/\W/g, '-')}`,
      template: templateFor(gwx, route),
      usingComponents: { comp: compId },
      data: JSON.parse(JSON.stringify(data ?? {})),
      // Page lifecycles and `eh` become methods: the template binds events to `eh`, and Taro calls
      // `this.onReady`, `this.$taroPath` etc. on the instance.
      methods: lifecycle,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          // What WeChat puts on a page instance before onLoad.
          this.route = route
          this.__route__ = route
          this.options = query
          pageStack.push(this)
          guard(() => (this.onLoad as (q: unknown) => void)(query))
          guard(() => (this.onShow as () => void)())
        },
        ready(this: Record<string, unknown>) {
          guard(() => (this.onReady as () => void)())
        },
        detached(this: Record<string, unknown>) {
          guard(() => (this.onUnload as () => void)())
          pageStack.splice(pageStack.indexOf(this), 1)
        },
      },
    })

    const root = sim.render(id)
    const parent = globalThis.document.createElement('div')
    globalThis.document.body.appendChild(parent)
    const errorsBefore = errors.length
    root.attach(parent)
    // onLoad/onShow/onReady run inside attach; exparser only logs what they throw, so surface it here.
    if (errors.length > errorsBefore) {
      const first = errors[errorsBefore]
      throw new Error(
        `${route} threw while mounting: ${first instanceof Error ? first.stack : String(first)}`,
      )
    }
    return {
      route,
      root,
      instance: root.instance,
      errors,
      text: () => root.dom.textContent ?? '',
      unmount: () => {
        root.detach()
        parent.remove()
      },
    }
  }

  return { fake, errors, mountPage }
}

/** Thrown by a `waitFor` check to stop polling at once. */
export class FatalError extends Error {}

/** Polls `check` until it passes: Taro renders through React's scheduler and setData, over several macrotasks. */
export async function waitFor<T>(check: () => T, { timeout = 5000, interval = 10 } = {}): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (error instanceof FatalError || Date.now() > deadline) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

/**
 * Waits until the page shows every one of `texts`; on timeout the error quotes what the page does show,
 * which is usually enough to see whether it is stuck loading, showing an error, or rendered nothing.
 */
export async function waitForTexts(page: MountedPage, texts: string[], timeout = 5000): Promise<void> {
  await waitFor(
    () => {
      // A render error will not heal by waiting: report it at once instead of timing out on the text.
      if (page.errors.length)
        throw new FatalError(`${page.route} failed to render: ${String(page.errors[0]).slice(0, 600)}`)
      const shown = page.text()
      const missing = texts.filter((text) => !shown.includes(text))
      if (missing.length) {
        throw new Error(
          `${page.route} does not show ${JSON.stringify(missing)}; it shows: ${JSON.stringify(shown.slice(0, 400))}`,
        )
      }
    },
    { timeout },
  )
}
