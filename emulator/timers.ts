import fs from 'node:fs'
import path from 'node:path'
import { CronExpression } from './cron'
import type { FunctionHost } from './function-host'

interface TimerTrigger {
  functionName: string
  triggerName: string
  cron: CronExpression
}

/** Reads the timer triggers declared in each function's config.json, as CloudBase deploys them. */
export function loadTimerTriggers(functionsDir: string, functionNames: string[]): TimerTrigger[] {
  const triggers: TimerTrigger[] = []
  for (const functionName of functionNames) {
    const configFile = path.join(functionsDir, functionName, 'config.json')
    if (!fs.existsSync(configFile)) continue
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as {
      triggers?: { name: string; type: string; config: string }[]
    }
    for (const trigger of config.triggers ?? []) {
      if (trigger.type !== 'timer') continue
      triggers.push({ functionName, triggerName: trigger.name, cron: new CronExpression(trigger.config) })
    }
  }
  return triggers
}

/**
 * Checks every second which triggers fire and invokes their function with a timer event. A run still
 * going when its trigger fires again is not started twice.
 */
export function startTimers(
  host: FunctionHost,
  triggers: TimerTrigger[],
  log: (line: string) => void,
): () => void {
  const running = new Set<string>()
  let lastSecond = Math.floor(Date.now() / 1000)
  const tick = () => {
    const second = Math.floor(Date.now() / 1000)
    if (second === lastSecond) return
    lastSecond = second
    const instant = new Date(second * 1000)
    for (const trigger of triggers) {
      const key = `${trigger.functionName}/${trigger.triggerName}`
      if (running.has(key) || !trigger.cron.matches(instant)) continue
      running.add(key)
      host
        .fireTimer(trigger.functionName, trigger.triggerName, instant)
        .then((result) => log(`[timer] ${key} → ${JSON.stringify(result)}`))
        .catch((error: unknown) => log(`[timer] ${key} failed: ${String(error)}`))
        .finally(() => running.delete(key))
    }
  }
  const interval = setInterval(tick, 250)
  interval.unref()
  return () => clearInterval(interval)
}
