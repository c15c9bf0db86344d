import fs from 'node:fs'
import path from 'node:path'
import { z as shim } from '../../src/shims/zod'

// The Taro builds replace `zod` with src/shims/zod.ts (config/index.ts). A `z.<member>` the shim lacks would
// only fail inside the built app, so this reads the source for every member used and checks the shim has it.
const typeOnly = new Set(['infer', 'input', 'output', 'core'])

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !full.includes(`${path.sep}shims${path.sep}`) ? [full] : []
  })
}

describe('zod shim for the Taro builds', () => {
  it('provides every z.<member> the app source uses at runtime', () => {
    const used = new Set<string>()
    for (const file of sourceFiles(path.join(__dirname, '../../src'))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bz\.([A-Za-z_$][\w$]*)/g))
        used.add(match[1] ?? '')
    }
    expect(used.size).toBeGreaterThan(5)
    const missing = [...used].filter((member) => !typeOnly.has(member) && !(member in shim))
    expect(missing).toEqual([])
  })

  it('builds working schemas', () => {
    const schema = shim.object({ name: shim.string().min(1), kind: shim.enum(['a', 'b']) })
    expect(schema.safeParse({ name: 'x', kind: 'a' }).success).toBe(true)
    expect(schema.safeParse({ name: '', kind: 'c' }).success).toBe(false)
  })
})
