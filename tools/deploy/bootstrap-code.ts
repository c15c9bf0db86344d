import path from 'node:path'
import { bootstrapHashVariable, hashCode, newCode } from '../../cloudfunctions/shared/people/codes'
import { writeDotEnvValue } from './dotenv'

/**
 * `npm run bootstrap-code`: draws the one-time code that makes the first district office account, prints it
 * once and writes only its hash to `.env` (git-ignored), from where `npm run deploy:functions` hands it to the
 * functions as BLUEGRID_BOOTSTRAP_CODE_HASH. Running it again replaces the code; once an office exists, any
 * code is dead.
 */
export function runBootstrapCode(root: string, log: (line: string) => void = console.log): string {
  const code = newCode()
  const file = path.join(root, '.env')
  writeDotEnvValue(file, bootstrapHashVariable, hashCode(code))
  log(`Bootstrap code (shown only now; keep it until the first office has claimed it): ${code}`)
  log(`Its hash is in ${file} as ${bootstrapHashVariable}; deploy the functions to use it:`)
  log('  npm run deploy:functions')
  log('Then open the mini-program as the first office, and call bootstrap.claim {code, districtId}.')
  return code
}

export function main(root: string): void {
  runBootstrapCode(root)
}
