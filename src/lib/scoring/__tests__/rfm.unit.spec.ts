import fc from "fast-check"
import {
  computeRfmBoundaries,
  explainRfm,
  rfmScoreFor,
  rfmScores,
  RfmInput,
  scoreWithBoundaries,
} from "../rfm"

const buyer = (id: string, days: number, orders: number, monetary: number): RfmInput => ({
  id,
  days_since_last_order: days,
  orders,
  monetary,
})

// The definition the cut points must reproduce: mid-rank percentile quintiles.
const midRankScore = (value: number, values: number[]) => {
  const below = values.filter((v) => v < value).length
  const equal = values.filter((v) => v === value).length
  return 1 + Math.min(4, Math.floor((5 * (2 * below + equal)) / (2 * values.length)))
}

describe("computeRfmBoundaries and scoreWithBoundaries", () => {
  it("splits distinct values into fifths: ten values, two per score", () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    const boundaries = computeRfmBoundaries(values)
    expect(boundaries).toEqual([30, 50, 70, 90])
    expect(values.map((v) => scoreWithBoundaries(v, boundaries, true))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ])
    expect(values.map((v) => scoreWithBoundaries(v, boundaries, false))).toEqual([
      5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    ])
  })

  it("gives the neutral 3 when there is nothing to compare against", () => {
    expect(scoreWithBoundaries(42, computeRfmBoundaries([42]), true)).toBe(3)
    expect(scoreWithBoundaries(42, computeRfmBoundaries([42]), false)).toBe(3)
    const same = computeRfmBoundaries([7, 7, 7, 7, 7, 7])
    expect(scoreWithBoundaries(7, same, true)).toBe(3)
  })

  it("scores small populations sensibly: two buyers get 2 and 4", () => {
    const boundaries = computeRfmBoundaries([1, 5])
    expect([1, 5].map((v) => scoreWithBoundaries(v, boundaries, true))).toEqual([2, 4])
  })

  it("reproduces the mid-rank score for every observed value, ties included", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 60 }), (values) => {
        const boundaries = computeRfmBoundaries(values)
        return values.every((v) => scoreWithBoundaries(v, boundaries, true) === midRankScore(v, values))
      })
    )
  })

  it("never scores a larger value lower, observed or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (values, value, step) => {
          const boundaries = computeRfmBoundaries(values)
          return (
            scoreWithBoundaries(value + step, boundaries, true) >= scoreWithBoundaries(value, boundaries, true)
          )
        }
      )
    )
  })

  it("ignores values that are not finite numbers", () => {
    expect(computeRfmBoundaries([NaN, Infinity, 5])).toEqual(computeRfmBoundaries([5]))
  })
})

describe("rfmScores", () => {
  it("scores buyers only, leaving contacts without an order null", () => {
    const { scores } = rfmScores([
      buyer("a", 3, 4, 400),
      { id: "lead", days_since_last_order: null, orders: 0, monetary: 0 },
    ])
    expect(scores[1]).toEqual({ id: "lead", score: null })
    expect(scores[0].score).not.toBeNull()
  })

  it("gives a store's only buyer 3/3/3", () => {
    const { scores } = rfmScores([buyer("solo", 12, 1, 80)])
    expect(scores[0].score).toEqual({
      recency: 3,
      frequency: 3,
      monetary: 3,
      fm: 3,
      segment: "needs_attention",
    })
  })

  it("scores the most recent, most frequent, biggest spenders 5/5/5 and the reverse 1/1/1", () => {
    const buyers = Array.from({ length: 10 }, (_, i) => buyer(`b${i}`, 10 * (i + 1), 10 - i, 1000 - 100 * i))
    const { scores } = rfmScores(buyers)
    expect(scores[0].score).toMatchObject({ recency: 5, frequency: 5, monetary: 5, segment: "champions" })
    expect(scores[9].score).toMatchObject({ recency: 1, frequency: 1, monetary: 1, segment: "lost" })
  })

  it("scores spend wiped out by refunds 1, without letting it push others up", () => {
    const spenders = [100, 200, 300, 400, 500].map((m, i) => buyer(`s${i}`, 5, 1, m))
    const refunded = [buyer("r1", 5, 1, 0), buyer("r2", 5, 1, -20)]
    const { scores, boundaries } = rfmScores([...spenders, ...refunded])
    expect(scores.slice(5).map((s) => s.score!.monetary)).toEqual([1, 1])
    expect(scores.slice(0, 5).map((s) => s.score!.monetary)).toEqual([1, 2, 3, 4, 5])
    expect(boundaries.monetary).toEqual(computeRfmBoundaries([100, 200, 300, 400, 500]))
  })

  it("gives the same score to buyers with equal values", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            days: fc.integer({ min: 0, max: 20 }),
            orders: fc.integer({ min: 1, max: 5 }),
            monetary: fc.integer({ min: -10, max: 50 }),
          }),
          { minLength: 1, maxLength: 50 }
        ),
        (rows) => {
          const inputs = rows.map((row, i) => buyer(String(i), row.days, row.orders, row.monetary))
          const { scores } = rfmScores(inputs)
          return inputs.every((x, i) =>
            inputs.every((y, j) => {
              const [sx, sy] = [scores[i].score!, scores[j].score!]
              return (
                (x.days_since_last_order !== y.days_since_last_order || sx.recency === sy.recency) &&
                (x.orders !== y.orders || sx.frequency === sy.frequency) &&
                (x.monetary !== y.monetary || sx.monetary === sy.monetary)
              )
            })
          )
        }
      ),
      { numRuns: 50 }
    )
  })

  it("scores one contact after an event against stored cut points, as the refresh did", () => {
    const buyers = Array.from({ length: 25 }, (_, i) => buyer(`b${i}`, (i * 7) % 60, 1 + (i % 6), 20 * i))
    const { boundaries, scores } = rfmScores(buyers)
    buyers.forEach((input, i) => expect(rfmScoreFor(input, boundaries)).toEqual(scores[i].score))
  })
})

describe("explainRfm", () => {
  it("says what each score rests on and where it places the buyer", () => {
    const buyers = Array.from({ length: 10 }, (_, i) => buyer(`b${i}`, 4 * (i + 1), 10 - i, 1000 - 100 * i))
    const { scores } = rfmScores(buyers)
    const lines = explainRfm(buyers[2], scores[2].score, { currencyCode: "eur" })
    expect(lines).toEqual([
      "Recency 4: last order 12 days ago (top 40% of buyers by recency).",
      "Frequency 4: 8 orders (top 40% of buyers by orders).",
      "Monetary 4: €800.00 spent after refunds (top 40% of buyers by spend).",
      "Segment Loyal (recency 4, frequency-and-spend 4, the rounded mean of 4 and 4): Buy regularly and spend well, even if not in the last few days.",
    ])
  })

  it("explains a refunded buyer's monetary 1 and a contact without orders", () => {
    const refunded = buyer("r", 3, 1, 0)
    const { scores } = rfmScores([refunded, buyer("s", 3, 1, 50)])
    expect(explainRfm(refunded, scores[0].score)[2]).toBe(
      "Monetary 1: refunds leave a net spend of 0.00, which always scores lowest."
    )
    expect(explainRfm({ id: "x", days_since_last_order: null, orders: 0, monetary: 0 }, null)).toEqual([
      "No RFM score: the contact has no order yet.",
    ])
  })
})
