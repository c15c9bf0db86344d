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

/**
 * Sets one `KEY=value` line of a `.env` file: the existing line for the key is replaced in place, otherwise the
 * line is appended; every other line (comments included) is kept as it was. A new file is readable by its owner only.
 */
export function writeDotEnvValue(file: string, key: string, value: string): void {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : []
  const pattern = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=`)
  const index = lines.findIndex((line) => pattern.test(line))
  if (index >= 0) lines[index] = `${key}=${value}`
  else {
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
    lines.push(`${key}=${value}`)
  }
  fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 })
}
