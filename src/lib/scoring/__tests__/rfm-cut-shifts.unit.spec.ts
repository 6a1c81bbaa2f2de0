import { RfmBoundarySet, rfmScoreFor } from "../rfm"
import { rfmCutShifts } from "../rfm-cut-shifts"

const DAY = 86_400_000
const T0 = Date.UTC(2027, 2, 10, 9)
const HOUR = 3_600_000

const cuts = (recency: number[], frequency = [2, 3, 4, 6], monetary = [50, 100, 200, 400]): RfmBoundarySet => ({
  recency: recency as RfmBoundarySet["recency"],
  frequency: frequency as RfmBoundarySet["frequency"],
  monetary: monetary as RfmBoundarySet["monetary"],
})

describe("rfmCutShifts", () => {
  it("finds nothing when an hour passes and no buyer moved: recency cuts age with everyone", () => {
    const before = { rfm: cuts([30, 90, 180, 365]), at: T0 }
    const after = { rfm: cuts([30 + 1 / 24, 90 + 1 / 24, 180 + 1 / 24, 365 + 1 / 24]), at: T0 + HOUR }
    expect(rfmCutShifts(before, after)).toEqual({ recency: [], frequency: [], monetary: [] })
  })

  it("gives the range between a moved cut and where it was, covering every buyer whose score differs", () => {
    const before = { rfm: cuts([30, 90, 180, 365], [2, 3, 4, 6], [50, 100, 200, 400]), at: T0 }
    const after = { rfm: cuts([30, 92, 180, 365], [2, 3, 5, 6], [50, 100, 200.5, 400]), at: T0 }
    const shifts = rfmCutShifts(before, after)!
    expect(shifts.frequency).toEqual([[4, 5]])
    expect(shifts.monetary).toEqual([[199.99, 200.51]])
    expect(shifts.recency).toEqual([[T0 - 92 * DAY - 1000, T0 - 90 * DAY + 1000]])
    // Every buyer whose score differs under the two sets lies in a range.
    for (let days = 0; days < 400; days += 0.5) {
      for (const orders of [1, 3, 4, 5, 7]) {
        for (const monetary of [10, 199.99, 200, 200.25, 200.5, 500]) {
          const input = { id: "c", days_since_last_order: days, orders, monetary }
          const [was, is] = [rfmScoreFor(input, before.rfm), rfmScoreFor(input, after.rfm)]
          if (JSON.stringify(was) !== JSON.stringify(is)) {
            const lastOrderAt = T0 - days * DAY
            const inRange = (ranges: [number, number][], value: number) => ranges.some(([from, to]) => value >= from && value <= to)
            expect(
              inRange(shifts.recency, lastOrderAt) || inRange(shifts.frequency, orders) || inRange(shifts.monetary, monetary)
            ).toBe(true)
          }
        }
      }
    }
  })

  it("asks for every contact when a cut point appears or vanishes", () => {
    const before = { rfm: cuts([30, 90, 180, 365], [2, 3, 4, 6]), at: T0 }
    expect(rfmCutShifts(before, { rfm: cuts([30, 90, 180, 365], [2, 3, 4, null as never]), at: T0 })).toBeNull()
  })
})
