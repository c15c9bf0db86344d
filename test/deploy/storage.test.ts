import fs from 'node:fs'
import path from 'node:path'
import { storageRulesFile } from '../../tools/deploy/storage-plan'

const rule = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', storageRulesFile), 'utf8')) as {
  read: string
  write: string
}

/**
 * The rule's expressions are the JavaScript subset CloudBase evaluates (==, &&, a regex literal's test), so
 * they are evaluated here as JavaScript over `auth` and `resource`; an expression that fails (no `auth` for a
 * signed-out client) denies, as CloudBase does.
 */
function allows(
  expression: string,
  auth: { openid: string } | null,
  resource: { openid: string; path: string },
) {
  try {
    return new Function('auth', 'resource', `return (${expression})`)(auth, resource) === true
  } catch {
    return false
  }
}

describe('the storage rule deploy sets', () => {
  const upload = { openid: 'o-reporter', path: 'uploads/o-reporter/20261123/a.jpg' }
  // A registered photo's copy: stored by a function, so it has no client owner.
  const copy = { openid: '', path: 'photos/0123456789abcdef0123456789abcdef.jpg' }

  it('lets a client read only what it uploaded: not someone else’s original, not a stored copy, not signed out', () => {
    expect(allows(rule.read, { openid: 'o-reporter' }, upload)).toBe(true)
    expect(allows(rule.read, { openid: 'o-staff' }, upload)).toBe(false)
    expect(allows(rule.read, null, upload)).toBe(false)
    expect(allows(rule.read, { openid: 'o-reporter' }, copy)).toBe(false)
  })

  it('lets a client write its own files under uploads/ only', () => {
    expect(allows(rule.write, { openid: 'o-reporter' }, upload)).toBe(true)
    expect(allows(rule.write, { openid: 'o-other' }, upload)).toBe(false)
    expect(allows(rule.write, { openid: 'o-reporter' }, { openid: 'o-reporter', path: 'photos/x.jpg' })).toBe(
      false,
    )
    expect(
      allows(rule.write, { openid: 'o-reporter' }, { openid: 'o-reporter', path: 'reports/x.jpg' }),
    ).toBe(false)
    expect(allows(rule.write, null, upload)).toBe(false)
  })
})
