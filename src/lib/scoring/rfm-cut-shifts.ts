import type { RfmBoundaries, RfmBoundarySet } from "./rfm"

const DAY_MS = 86_400_000

/**
 * A recency cut point is a number of days (a float): turned back into the
 * instant of a last order it can land a fraction of a millisecond off. Two
 * instants closer than the tolerance are one; a range is widened by the
 * slack each side.
 */
const RECENCY_TOLERANCE_MS = 0.001
const RECENCY_SLACK_MS = 1000

/** Monetary ranges are widened by this much each side: the cut is a float, the stored spend a decimal. */
const MONETARY_SLACK = 0.01

/** Closed ranges of a value, `[from, to]`. */
export type ValueRanges = [number, number][]

/**
 * Where the buyers whose RFM score may differ between two sets of cut
 * points are: ranges of the last order's instant (epoch ms), of the order
 * count and of net spend, each between a cut point's old and new value.
 */
export type RfmCutShifts = { recency: ValueRanges; frequency: ValueRanges; monetary: ValueRanges }

type CutPoints = { rfm: RfmBoundarySet; at: number }

/**
 * The ranges between each moved cut point and where it was. A recency cut
 * is a number of days since the last order, counted at the instant the cuts
 * were computed, so it is compared as the instant of a last order: with no
 * new orders every buyer ages alike and the ranks, so those instants, stay.
 * Null when a cut point appears or disappears (a score no buyer reached
 * before, or one no buyer reaches now): every buyer may be affected.
 *
 * @example
 * const shifts = rfmCutShifts({ rfm: stored.rfm, at: Date.parse(stored.rfm_at) }, { rfm, at: now.getTime() })
 */
export function rfmCutShifts(before: CutPoints, after: CutPoints): RfmCutShifts | null {
  const lastOrderAt = (at: number) => (days: number) => at - days * DAY_MS
  const recency = shifted(before.rfm.recency, after.rfm.recency, {
    before: lastOrderAt(before.at),
    after: lastOrderAt(after.at),
    tolerance: RECENCY_TOLERANCE_MS,
    slack: RECENCY_SLACK_MS,
  })
  const frequency = shifted(before.rfm.frequency, after.rfm.frequency, { tolerance: 0, slack: 0 })
  const monetary = shifted(before.rfm.monetary, after.rfm.monetary, { tolerance: 0, slack: MONETARY_SLACK })
  return recency && frequency && monetary ? { recency, frequency, monetary } : null
}

/** The ranges between moved cut points, each cut seen as a value by `before` and `after` (the cut itself by default). */
function shifted(
  before: RfmBoundaries,
  after: RfmBoundaries,
  options: { before?: (cut: number) => number; after?: (cut: number) => number; tolerance: number; slack: number }
): ValueRanges | null {
  const { before: valueBefore = Number, after: valueAfter = Number, tolerance, slack } = options
  const ranges: ValueRanges = []
  for (let k = 0; k < before.length; k++) {
    const [was, is] = [before[k], after[k]]
    if (was === null || is === null) {
      if (was !== is) {
        return null
      }
      continue
    }
    const [from, to] = [valueBefore(was), valueAfter(is)]
    if (Math.abs(from - to) > tolerance) {
      ranges.push([Math.min(from, to) - slack, Math.max(from, to) + slack])
    }
  }
  return ranges
}
