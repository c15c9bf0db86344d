/** Command-line reading shared by the benchmarks (bench/run.js forwards the options to each). */

/** A positive number given as `--name N`, or the fallback. */
export function numberArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}

/** The command as typed (bench/run.js passes it on), printed with the figures for their provenance. */
export const benchCommand =
  process.env.BENCH_COMMAND ??
  `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
