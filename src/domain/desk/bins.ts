/**
 * Colour classes of a choropleth: five equal-width classes over the values shown, with their ranges for the
 * legend. Counts start at 0 and step by whole numbers; shares are cut on whole percents around the values
 * actually seen, so five grids between 80% and 95% still come out in different colours.
 */
export const binCount = 5

/** Best to worst: green to red. */
export const binColours = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'] as const
/** For a grid with nothing to divide by (a rate of nothing) or never counted. */
export const noDataColour = '#d9dbe0'

export interface LegendClass {
  /** 0 for the lowest values, 4 for the highest. */
  bin: number
  /** Inclusive lower bound; the upper bound is exclusive except in the last class. */
  from: number
  to: number
  label: string
  colour: string
}

export interface Binning {
  legend: LegendClass[]
  /** The class of a value, or null when there is none to colour. */
  binOf: (value: number | null) => number | null
  colourOf: (value: number | null) => string
}

const percentLabel = (share: number) => `${Math.round(share * 100)}%`

/** Whole-percent cut points covering [min, max], five classes, at least one percent wide each. */
function shareBreaks(values: readonly number[]): number[] {
  const low = Math.floor(Math.min(...values) * 100)
  let high = Math.ceil(Math.max(...values) * 100)
  if (high - low < binCount) high = Math.min(100, low + binCount)
  const start = Math.max(0, Math.min(low, high - binCount))
  const step = (high - start) / binCount
  return Array.from({ length: binCount + 1 }, (_, i) => (start + step * i) / 100)
}

/** Whole-number cut points from 0: steps of ⌈max/5⌉, at least 1. */
function countBreaks(values: readonly number[]): number[] {
  const step = Math.max(1, Math.ceil(Math.max(...values, 0) / binCount))
  return Array.from({ length: binCount + 1 }, (_, i) => step * i)
}

export function binningOf(
  values: readonly (number | null)[],
  unit: 'count' | 'share',
  higherIsWorse: boolean,
): Binning {
  const seen = values.filter((value): value is number => value !== null && Number.isFinite(value))
  const breaks =
    unit === 'count' ? countBreaks(seen) : seen.length === 0 ? shareBreaks([0, 1]) : shareBreaks(seen)
  const colourAt = (bin: number) => binColours[higherIsWorse ? bin : binCount - 1 - bin]!
  const legend = breaks.slice(0, binCount).map((from, bin) => {
    const to = breaks[bin + 1]!
    // Counts are whole: a class holds from…to−1, the last one its upper bound too.
    const top = bin === binCount - 1 ? to : to - 1
    const label =
      unit === 'count'
        ? top > from
          ? `${from}–${top}`
          : `${from}`
        : `${percentLabel(from)}–${percentLabel(to)}`
    return { bin, from, to, label, colour: colourAt(bin) }
  })
  const binOf = (value: number | null) => {
    if (value === null || !Number.isFinite(value)) return null
    const index = legend.findIndex((entry) => value < entry.to)
    return index === -1 ? binCount - 1 : index
  }
  return {
    legend,
    binOf,
    colourOf: (value) => {
      const bin = binOf(value)
      return bin === null ? noDataColour : colourAt(bin)
    },
  }
}
