import fs from 'fs'
import path from 'path'
import * as simulate from 'miniprogram-simulate'
import { createFakeWx, signedOut, type FakeWx } from './fake-wx'
import { createScriptRunner, templateFor, templatesOf } from './mini-runtime'

/**
 * Mounts the native components of `taro build native-components --type weapp` (test/native/.build/components)
 * under miniprogram-simulate.
 *
 * Each component's index.js `require`s Taro's runtime chunks and calls `Component(config)` with what
 * createNativeComponentConfig builds: one property, `props`, handed to the React component as its props together
 * with `$scope` (the WeChat component instance), and `root` data that Taro's setData fills. We run the scripts
 * with our own `Component`, register the captured config with the template WeChat's own wcc compiled from the
 * build, and render it with `{ props }`, as a native page using `<case-card props="{{...}}" />` would.
 */

/** The subset of miniprogram-simulate / j-component used here (its own typings need WechatMiniprogram globals). */
interface SimRoot {
  dom: HTMLElement
  instance: Record<string, unknown> & {
    data: Record<string, unknown>
    setData(data: Record<string, unknown>): void
  }
  attach(parent: Element): void
  detach(): void
  addEventListener(name: string, handler: (event: { detail: unknown }) => void): void
}
interface Simulate {
  load(definition: Record<string, unknown>): string
  render(id: string, properties?: Record<string, unknown>): SimRoot
}
const sim = simulate as unknown as Simulate

/** WeChat's template compiler (the package miniprogram-simulate itself uses for `compiler: 'official'`). */
/** WeChat's component framework as j-component runs it: dispatches taps the way the touch handlers do. */
const exparser = require('miniprogram-exparser') as {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown
    dispatchEvent(target: unknown, event: unknown): void
  }
}

type Config = Record<string, unknown>

/** The runtime chunks the native-components build emits next to the components, in the order they load. */
const runtimeFiles = [
  'runtime.js',
  'taro.js',
  'vendors.js',
  'common.js',
  'base.wxml',
  'utils.wxs',
  'comp.js',
  'comp.json',
  'comp.wxml',
]

export interface ComponentBuild {
  root: string
  read(relative: string): string
}

/** The build in `root`, checked for every file the loader needs (a half-finished build fails here, by name). */
export function openComponentBuild(root: string, components: string[]): ComponentBuild {
  const needed = [
    ...runtimeFiles,
    ...components.flatMap((name) => [`${name}.js`, `${name}.json`, `${name}.wxml`]),
  ]
  const missing = needed.filter((file) => !fs.existsSync(path.join(root, file)))
  if (missing.length) throw new Error(`The native-components build in ${root} lacks ${missing.join(', ')}`)
  return { root, read: (relative) => fs.readFileSync(path.join(root, relative), 'utf8') }
}

/** One custom event a mounted component emitted through `triggerEvent`. */
export interface EmittedEvent {
  name: string
  detail: unknown
}

export interface MountedComponent {
  root: SimRoot
  fake: FakeWx
  /** Errors reported while loading or rendering (lifetimes that threw, console.error from Taro or React). */
  errors: unknown[]
  /** Every event the component emitted, in order, as a page listening with `bind:<name>` would receive them. */
  events: EmittedEvent[]
  /** The options of every `wx.previewImage` call (WeChat's full-screen photo viewer). */
  previews: unknown[]
  /** Everything rendered, as text. */
  text(): string
  /** The rendered elements with this class (the app's components mark their parts with `bg-*` classes). */
  all(className: string): Element[]
  /** Taps the first element with this class (or the given element) the way a finger does: WeChat's `tap`. */
  tap(target: string | Element): void
  /** Replaces the `props` property, as a parent's setData would. */
  setProps(props: Record<string, unknown>): void
  unmount(): void
}

let mountCount = 0

/**
 * Loads `name` (e.g. 'components/case-card/index') from the build with fresh module state and a fresh `wx`, and
 * mounts it with `props`. `listen` names the custom events to record.
 */
export function mountComponent(
  build: ComponentBuild,
  name: string,
  props: Record<string, unknown>,
  listen: string[] = [],
): MountedComponent {
  const gwx = templatesOf(build.root)
  const fake = createFakeWx(signedOut)
  // Taro wraps every wx API once when taro.js runs, so the records must be in place before the first script.
  const previews: unknown[] = []
  fake.wx.previewImage = (options: { success?: (r: object) => void; complete?: (r: object) => void }) => {
    previews.push(options)
    const result = { errMsg: 'previewImage:ok' }
    setTimeout(() => {
      options.success?.(result)
      options.complete?.(result)
    }, 0)
  }
  const errors: unknown[] = []
  const mount = ++mountCount
  let captured: Config | undefined
  const hostPage = { route: 'pages/host/index', options: {} }

  const scope: Record<string, unknown> = {
    wx: fake.wx,
    Component: (config: Config) => {
      captured = config
    },
    Page: () => {
      throw new Error('a native component build should not call Page()')
    },
    App: () => {
      throw new Error('a native component build should not call App()')
    },
    Behavior: (definition: Config) => definition,
    getApp: () => ({}),
    // Taro's runtime keys a native component by the page it sits on (setCurrent reads the last page's route and
    // options when the component attaches): answer with the page a host would be.
    getCurrentPages: () => [hostPage],
    requirePlugin: () => {
      throw new Error('requirePlugin is not available in the native component tests')
    },
    window: undefined,
    document: undefined,
  }

  const run = createScriptRunner((file) => build.read(file), scope, 'native-components')
  const capture = (file: string): Config => {
    captured = undefined
    run(file)
    if (!captured) throw new Error(`${file} did not call Component()`)
    return captured
  }

  // exparser catches what a lifetime throws and only logs it; record it where the test looks, then rethrow.
  const guarded = (lifetimes: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(lifetimes).map(([key, value]) => [
        key,
        typeof value !== 'function'
          ? value
          : function (this: unknown, ...args: unknown[]) {
              try {
                return (value as (...a: unknown[]) => unknown).apply(this, args)
              } catch (error) {
                errors.push(error)
                throw error
              }
            },
      ]),
    )

  // Taro's base.wxml renders nodes deeper than its inline templates through the recursive component `comp`.
  const compId = `bluegrid-native-comp-${mount}`
  const compConfig = capture('comp.js')
  sim.load({
    ...compConfig,
    id: compId,
    tagName: 'comp',
    template: templateFor(gwx, 'comp'),
    usingComponents: { comp: compId },
  })

  const config = capture(`${name}.js`)
  const json = JSON.parse(build.read(`${name}.json`)) as {
    component?: boolean
    usingComponents?: Record<string, string>
  }
  if (json.component !== true) throw new Error(`${name}.json lacks "component": true`)
  const unknown = Object.entries(json.usingComponents ?? {}).filter(
    ([key, target]) => key !== 'comp' || path.posix.basename(target) !== 'comp',
  )
  if (unknown.length)
    throw new Error(`${name} uses components this loader does not register: ${JSON.stringify(unknown)}`)

  const id = `bluegrid-native-${mount}-${name.replace(/\W/g, '-')}`
  const { lifetimes, data, ...rest } = config as Config & {
    lifetimes?: Record<string, unknown>
    data?: unknown
  }
  // createNativeComponentConfig puts created/attached/ready/detached at the top level (old-style lifetimes).
  const topLevel = ['created', 'attached', 'ready', 'detached'].filter(
    (key) => typeof rest[key] === 'function',
  )
  const lifetimeFns = { ...(lifetimes ?? {}), ...Object.fromEntries(topLevel.map((key) => [key, rest[key]])) }
  for (const key of topLevel) delete rest[key]
  sim.load({
    ...rest,
    id,
    tagName: name.split('/').slice(-2, -1)[0] ?? 'native-component',
    template: templateFor(gwx, name),
    usingComponents: { comp: compId },
    data: JSON.parse(JSON.stringify(data ?? {})),
    lifetimes: guarded(lifetimeFns),
  })

  const root = sim.render(id, { props })
  const events: EmittedEvent[] = []
  for (const eventName of listen)
    root.addEventListener(eventName, (event) => events.push({ name: eventName, detail: event.detail }))
  const parent = globalThis.document.createElement('div')
  globalThis.document.body.appendChild(parent)
  root.attach(parent)
  if (errors.length)
    throw new Error(
      `${name} threw while mounting: ${errors[0] instanceof Error ? errors[0].stack : String(errors[0])}`,
    )

  const all = (className: string) => Array.from(root.dom.querySelectorAll(`.${className}`))
  return {
    root,
    fake,
    errors,
    events,
    previews,
    text: () => root.dom.textContent ?? '',
    all,
    tap(target) {
      const element = typeof target === 'string' ? all(target)[0] : target
      if (!element) throw new Error(`nothing rendered with class ${String(target)}`)
      const wxElement = (element as unknown as { __wxElement?: unknown }).__wxElement
      if (!wxElement) throw new Error('the element is not backed by a WeChat node')
      // What j-component's touchend handler dispatches for a touch that did not move: a bubbling, composed tap.
      exparser.Event.dispatchEvent(
        wxElement,
        exparser.Event.create('tap', { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true }),
      )
    },
    setProps(next) {
      root.instance.setData({ props: next })
    },
    unmount() {
      root.detach()
      parent.remove()
    },
  }
}
