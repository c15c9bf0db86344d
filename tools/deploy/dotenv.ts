import fs from 'node:fs'

/** Reads a `.env` file (`KEY=value` lines, `#` comments, optional quotes); a missing file reads as empty. */
export function readDotEnv(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {}
  const values: Record<string, string> = {}
  for (const rawLine of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!match) continue
    let value = match[2]!
    const quote = value[0]
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1)
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"')
    }
    values[match[1]!] = value
  }
  return values
}
