import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { hashCode } from '../../cloudfunctions/shared/people/codes'
import { runBootstrapCode } from '../../tools/deploy/bootstrap-code'
import { readDotEnv } from '../../tools/deploy/dotenv'

describe('npm run bootstrap-code', () => {
  let root: string
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-bootstrap-code-'))
  })
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

  it('prints a code once and writes only its hash to .env, keeping the other lines', () => {
    fs.writeFileSync(path.join(root, '.env'), '# credentials\nTCB_ENV_ID=bluegrid-prod\n')
    const lines: string[] = []
    const code = runBootstrapCode(root, (line) => lines.push(line))
    expect(lines.filter((line) => line.includes(code))).toHaveLength(1)
    const text = fs.readFileSync(path.join(root, '.env'), 'utf8')
    expect(text).not.toContain(code)
    expect(text.startsWith('# credentials\nTCB_ENV_ID=bluegrid-prod\n')).toBe(true)
    expect(readDotEnv(path.join(root, '.env'))).toEqual({
      TCB_ENV_ID: 'bluegrid-prod',
      BLUEGRID_BOOTSTRAP_CODE_HASH: hashCode(code),
    })
  })

  it('replaces the hash of an earlier code instead of adding a second line', () => {
    runBootstrapCode(root, () => {})
    const second = runBootstrapCode(root, () => {})
    const text = fs.readFileSync(path.join(root, '.env'), 'utf8')
    expect(text.match(/BLUEGRID_BOOTSTRAP_CODE_HASH=/g)).toHaveLength(1)
    expect(readDotEnv(path.join(root, '.env')).BLUEGRID_BOOTSTRAP_CODE_HASH).toBe(hashCode(second))
  })
})
