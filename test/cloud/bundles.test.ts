import fs from 'node:fs'
import path from 'node:path'
import { demoAccounts } from '../../emulator/demo/accounts'

const functionsDir = path.resolve(__dirname, '..', '..', 'cloudfunctions')

// Jest's global setup bundles the functions exactly as `npm run build:cloud` does before deployment.
describe.each(['api', 'jobs', 'intake', 'media-check', 'open311'])('the deployable %s bundle', (name) => {
  const bundle = fs.readFileSync(path.join(functionsDir, name, 'index.js'), 'utf8')

  it('carries nothing of the emulator’s dev login or demo accounts', () => {
    for (const marker of [
      'x-dev-user',
      'bg_dev_user',
      'dev/login',
      ...demoAccounts.map((account) => account.openid),
    ]) {
      expect(bundle).not.toContain(marker)
    }
  })

  it('leaves @cloudbase/node-sdk to be installed in the cloud instead of bundling it', () => {
    expect(bundle).toContain('require("@cloudbase/node-sdk")')
    expect(bundle).not.toMatch(/function\s+Db\s*\(|class\s+Db\b/)
  })
})
