export type RfmSegmentKey =
  | "champions"
  | "loyal"
  | "potential_loyalist"
  | "new"
  | "promising"
  | "needs_attention"
  | "about_to_sleep"
  | "at_risk"
  | "cant_lose"
  | "hibernating"
  | "lost"

/** A cell of the grid: [R score, FM score]. */
export type RfmCell = readonly [r: number, fm: number]

export type RfmSegmentDefinition = {
  key: RfmSegmentKey
  label: string
  description: string
  cells: readonly RfmCell[]
}

/**
 * The named groups on the usual R × FM grid, where FM is the average of the F
 * and M scores rounded half up. It is the widely used segment map of RFM
 * charts (the 10 groups usually written as R-F patterns such as "5[4-5]" for
 * Champions), with the oldest corner of Hibernating, R = 1, named Lost:
 *
 *   FM
 *    5 | can't lose   can't lose   loyal           loyal       champions
 *    4 | at risk      at risk      loyal           loyal       champions
 *    3 | at risk      at risk      needs attention potential   potential
 *    2 | lost         hibernating  about to sleep  potential   potential
 *    1 | lost         hibernating  about to sleep  promising   new
 *        R 1          R 2          R 3             R 4         R 5
 *
 * Every cell belongs to exactly one group (a unit test walks all 25), so a
 * buyer always has exactly one segment. Kept as data so the admin can draw
 * the grid and SQL can be generated from the same cells.
 */
export const RFM_SEGMENTS: readonly RfmSegmentDefinition[] = [
  {
    key: "champions",
    label: "Champions",
    description: "Bought very recently, buy often and spend the most.",
    cells: [
      [5, 4],
      [5, 5],
    ],
  },
  {
    key: "loyal",
    label: "Loyal",
    description: "Buy regularly and spend well, even if not in the last few days.",
    cells: [
      [3, 4],
      [3, 5],
      [4, 4],
      [4, 5],
    ],
  },
  {
    key: "potential_loyalist",
    label: "Potential loyalist",
    description: "Recent customers with a few orders who could become loyal.",
    cells: [
      [4, 2],
      [4, 3],
      [5, 2],
      [5, 3],
    ],
  },
  {
    key: "new",
    label: "New",
    description: "Bought very recently, with little history yet.",
    cells: [[5, 1]],
  },
  {
    key: "promising",
    label: "Promising",
    description: "Bought recently but little and rarely so far.",
    cells: [[4, 1]],
  },
  {
    key: "needs_attention",
    label: "Needs attention",
    description: "Average recency, frequency and spend; likely to slip without a nudge.",
    cells: [[3, 3]],
  },
  {
    key: "about_to_sleep",
    label: "About to sleep",
    description: "Not bought for a while, and bought little; lost without reactivation.",
    cells: [
      [3, 1],
      [3, 2],
    ],
  },
  {
    key: "at_risk",
    label: "At risk",
    description: "Bought often and spent well, but not for a long time.",
    cells: [
      [1, 3],
      [1, 4],
      [2, 3],
      [2, 4],
    ],
  },
  {
    key: "cant_lose",
    label: "Can't lose",
    description: "Were among the best customers and have not come back for a long time.",
    cells: [
      [1, 5],
      [2, 5],
    ],
  },
  {
    key: "hibernating",
    label: "Hibernating",
    description: "Last bought long ago, with few orders and low spend.",
    cells: [
      [2, 1],
      [2, 2],
    ],
  },
  {
    key: "lost",
    label: "Lost",
    description: "Longest since the last order, with the fewest orders and lowest spend.",
    cells: [
      [1, 1],
      [1, 2],
    ],
  },
]

const GRID = new Map<string, RfmSegmentDefinition>()
for (const segment of RFM_SEGMENTS) {
  for (const [r, fm] of segment.cells) {
    GRID.set(`${r}:${fm}`, segment)
  }
}

function assertScore(name: string, value: number) {
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    throw new RangeError(`${name} must be a whole number from 1 to 5, got ${value}`)
  }
}

/**
 * The FM axis: the mean of F and M rounded half up, so 4 and 5 give 5 and
 * 1 and 2 give 2 (the customer gets the benefit of the doubt).
 */
export function fmScore(frequency: number, monetary: number): number {
  assertScore("frequency", frequency)
  assertScore("monetary", monetary)
  return Math.floor((frequency + monetary + 1) / 2)
}

export function rfmSegmentForCell(recency: number, fm: number): RfmSegmentDefinition {
  assertScore("recency", recency)
  assertScore("fm", fm)
  return GRID.get(`${recency}:${fm}`)!
}

/** The segment of a buyer with scores R, F, M (each 1 to 5). */
export function rfmSegment(recency: number, frequency: number, monetary: number): RfmSegmentKey {
  return rfmSegmentForCell(recency, fmScore(frequency, monetary)).key
}

export function rfmSegmentDefinition(key: RfmSegmentKey): RfmSegmentDefinition {
  const segment = RFM_SEGMENTS.find((candidate) => candidate.key === key)
  if (!segment) {
    throw new RangeError(`Unknown RFM segment "${key}"`)
  }
  return segment
}

/** One sentence on where R, F, M put the buyer on the grid. */
export function explainRfmSegment(recency: number, frequency: number, monetary: number): string {
  const fm = fmScore(frequency, monetary)
  const segment = rfmSegmentForCell(recency, fm)
  return `Segment ${segment.label} (recency ${recency}, frequency-and-spend ${fm}, the rounded mean of ${frequency} and ${monetary}): ${segment.description}`
}
