/**
 * Cost benchmark: the database requests of every action and job, against their budgets.
 *
 *   npm run bench -- --only cost                  # exits 1 while any call exceeds its budget
 *   npm run bench -- --only cost --report-only    # the same table, exit 0
 *
 * Runs the scenario of `test/cloud/requests-per-act.test.ts` (`test/factories/cost-scenario.ts`: every action
 * once, each job) twice, in a demo world with no delay per request and in one with 8 ms, as a request costs
 * in the cloud, and prints requests per call (a job's amortized per case event or act), the budget
 * (`bench/cost-budgets.ts`) and the time per call at both delays. The verdict reads the counts only, which
 * are the same at any delay, so it is deterministic; the times are there to read.
 */
import { actionNames } from '../src/domain/contract'
import { actionOf, runCostScenario, type CostRow } from '../test/factories/cost-scenario'
import { createTestWorld } from '../test/factories/runtime'
import { benchCommand } from './args'
import { costBudgets } from './cost-budgets'

const reportOnly = process.argv.includes('--report-only')
const cloudDelayMs = 8

async function scenarioAt(latencyMs: number): Promise<CostRow[]> {
  const world = await createTestWorld()
  try {
    world.engine.latencyMs = latencyMs
    return await runCostScenario(world)
  } finally {
    await world.close()
  }
}

const figure = (value: number) => String(+value.toFixed(2))

async function main() {
  const local = await scenarioAt(0)
  const cloud = await scenarioAt(cloudDelayMs)
  const budgetOf = new Map(costBudgets.flatMap((budget) => budget.calls.map((call) => [call, budget])))
  const problems: string[] = []
  for (const call of budgetOf.keys())
    if (!local.some((row) => row.call === call))
      problems.push(`the budget names ${call}, which the scenario does not measure`)
  const measured = new Set(local.map((row) => actionOf(row.call)))
  for (const action of actionNames) if (!measured.has(action)) problems.push(`${action} is not measured`)

  console.log(`\nCommand: ${benchCommand} (node ${process.version}, ${process.platform}/${process.arch})\n`)
  console.log(`| call | requests per call | budget | | at 0 ms | at ${cloudDelayMs} ms |`)
  console.log('|---|---:|---:|---|---:|---:|')
  let over = 0
  for (const [index, row] of local.entries()) {
    const slow = cloud[index]
    if (!slow || slow.call !== row.call || slow.requests !== row.requests)
      problems.push(
        `${row.call}: ${figure(row.requests)} requests at 0 ms but ${slow ? figure(slow.requests) : 'none'} at ${cloudDelayMs} ms`,
      )
    const budget = budgetOf.get(row.call)
    const exceeded = budget !== undefined && row.requests > budget.requests
    if (exceeded) over += 1
    const verdict = !budget ? '' : exceeded ? 'over' : 'ok'
    const perUnit = row.units === 1 ? '' : ` (${row.units})`
    console.log(
      `| ${row.call}${perUnit} | ${figure(row.requests)} | ${budget ? `≤ ${budget.requests}` : '–'} | ${verdict} | ${row.ms.toFixed(1)} ms | ${slow ? `${slow.ms.toFixed(1)} ms` : '–'} |`,
    )
  }
  const held = local.filter((row) => budgetOf.has(row.call)).length
  console.log(
    `\n${held - over} of ${held} budgeted calls within budget; ${local.length - held} calls have no budget.`,
  )
  for (const problem of problems) console.log(`Problem: ${problem}`)
  if ((over > 0 && !reportOnly) || problems.length > 0) process.exit(1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
