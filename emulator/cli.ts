import { roleLabels } from '../src/domain/people/roles'
import { databaseTokenFile } from './access-token'
import { configFromEnv } from './config'
import { demoAccounts } from './demo/accounts'
import { demoGridIds } from './demo/grids'
import { startEmulator } from './main'

/** How to make the first district office locally, or why the code is dead. */
function bootstrapLines(bootstrap: { code: string | null; open: boolean }, url: string): string[] {
  if (!bootstrap.open)
    return [
      '  Bootstrap:   a district office exists, so the bootstrap code is dead (BLUEGRID_DEMO_PEOPLE=off on an',
      '               empty data folder starts without one). New users: log in as dev-<letters/digits>.',
      '',
    ]
  const code = bootstrap.code ?? '<the code npm run bootstrap-code printed>'
  return [
    `  Bootstrap:   no district office yet. Dev bootstrap code (this start only): ${code}`,
    `    curl -s -X POST ${url}/fn/api -H 'content-type: application/json' -H 'x-dev-user: dev-office1' \\`,
    `      -d '{"action":"bootstrap.claim","payload":{"code":"${code}","districtId":"${demoGridIds.guancheng}"}}'   (管城回族区)`,
    '',
  ]
}

/** `npm start`: runs the emulator in the foreground and says where to open it and as whom. */
async function run(): Promise<void> {
  const config = configFromEnv()
  const emulator = await startEmulator(config)
  const lines = [
    '',
    '  BlueGrid 蓝天网格 is running (local CloudBase emulator)',
    '',
    `  Open:        ${emulator.url}/`,
    `  Data folder: ${config.dataDir}   (npm run reset wipes it)`,
    `  Database:    ${emulator.url}/tcb for node-sdk, its sessionToken in ${databaseTokenFile(config.dataDir)}`,
    `  Demo data:   ${emulator.seed.grids} grids, ${emulator.seed.users} new accounts, ${emulator.seed.cases} new cases`,
    '',
    '  Demo accounts (pick one on the 我的 page, or send the header  x-dev-user: <openid>):',
    ...demoAccounts.map(
      (account) =>
        `    ${account.openid.padEnd(24)} ${roleLabels[account.role].padEnd(5, '　')} ${account.nickname}  ${account.description}`,
    ),
    '',
    ...bootstrapLines(emulator.bootstrap, emulator.url),
    `  Try: curl -s -X POST ${emulator.url}/fn/api -H 'content-type: application/json' -H 'x-dev-user: demo-grid-member' \\`,
    `         -d '{"action":"board.list","payload":{}}'`,
    '',
    '  Press Ctrl+C to stop.',
    '',
  ]
  console.log(lines.join('\n'))
  const stop = () => {
    emulator.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

run().catch((error: unknown) => {
  console.error('BlueGrid emulator failed to start:', error)
  process.exit(1)
})
