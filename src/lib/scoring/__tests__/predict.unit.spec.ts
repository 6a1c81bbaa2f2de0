import { DEFAULT_DECAY_GAPS } from "../median-gap"
import {
  explainPrediction,
  fitPredictionModel,
  predict,
  predictCustomer,
  PredictionModel,
} from "../predict"
import { PurchaseHistory } from "../purchase-history"
import { gammaSample, seededRandom, simulateBgNbd } from "./simulate"

const DAY = 86_400_000
const now = new Date("2026-06-01T00:00:00Z")
const daysBefore = (days: number) => new Date(now.getTime() - days * DAY)

const history = (
  id: string,
  orders: number,
  firstDaysAgo: number,
  lastDaysAgo: number,
  monetary: number
): PurchaseHistory => ({
  id,
  orders,
  first_order_at: daysBefore(firstDaysAgo),
  last_order_at: daysBefore(lastDaysAgo),
  monetary,
})

/**
 * A store whose buyers follow BG/NBD with the CDNow parameters (weeks turned
 * into days) and spend around 35 per order with Gamma-Gamma-like spread.
 */
function simulatedStore(count: number, seed: number): PurchaseHistory[] {
  const random = seededRandom(seed + 1)
  return simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, count, seed, 27, 78).map(
    (customer, i) => {
      const orders = customer.x + 1
      const meanSpend = gammaSample(random, 6.25, gammaSample(random, 3.74, 15.44))
      return {
        id: `cus_${i}`,
        orders,
        first_order_at: daysBefore(customer.T * 7),
        last_order_at: daysBefore((customer.T - customer.t_x) * 7),
        monetary: orders * meanSpend,
      }
    }
  )
}

describe("predict with enough repeat buyers", () => {
  const customers = simulatedStore(2_000, 7)
  const result = predict(customers, now)

  it("fits BG/NBD, in days, and says so", () => {
    expect(result.model).toBe("bg_nbd")
    expect(result.reason).toMatch(/^BG\/NBD fitted on 2,000 buyers, \d+ with a repeat order; spend per order from a Gamma-Gamma model\.$/)
    const params = result.fitted.bg_nbd!
    expect(params.r / params.alpha).toBeGreaterThan((0.243 / 4.414 / 7) * 0.85)
    expect(params.r / params.alpha).toBeLessThan((0.243 / 4.414 / 7) * 1.15)
    expect(result.fitted.gamma_gamma).not.toBeNull()
  })

  it("gives every buyer consistent numbers", () => {
    for (const { prediction } of result.predictions) {
      expect(prediction!.model).toBe("bg_nbd")
      expect(prediction!.expected_orders).toBeGreaterThanOrEqual(0)
      expect(prediction!.expected_value).toBeGreaterThanOrEqual(0)
      expect(prediction!.churn_risk).toBeCloseTo(1 - prediction!.probability_alive, 12)
      const next = prediction!.next_order_expected_at
      if (prediction!.expected_orders >= 1) {
        expect(next!.getTime()).toBeGreaterThanOrEqual(now.getTime() + DAY)
        expect(next!.getTime()).toBeLessThanOrEqual(now.getTime() + 365 * DAY)
      } else {
        expect(next).toBeNull()
      }
    }
  })

  it("ranks a frequent recent buyer above a lapsed one", () => {
    const active = predictCustomer(result.fitted, history("a", 8, 300, 5, 400), { now })!
    const lapsed = predictCustomer(result.fitted, history("b", 8, 300, 250, 400), { now })!
    expect(active.expected_orders).toBeGreaterThan(lapsed.expected_orders)
    expect(active.churn_risk).toBeLessThan(lapsed.churn_risk)
    expect(active.expected_value).toBeGreaterThan(lapsed.expected_value)
  })

  it("scores one contact later from the stored model exactly as the refresh did", () => {
    const stored: PredictionModel = JSON.parse(JSON.stringify(result.fitted))
    const again = predictCustomer(stored, customers[3], { now })
    expect(again).toEqual(result.predictions[3].prediction)
  })

  it("explains a repeat buyer's prediction", () => {
    const customer = history("a", 4, 200, 10, 200)
    const prediction = predictCustomer(result.fitted, customer, { now })!
    const lines = explainPrediction(prediction, customer, result.fitted, now, { currencyCode: "usd" })
    expect(lines[0]).toMatch(/^Expected [\d.]+ orders worth \$[\d,.]+ in the next 365 days\.$/)
    expect(lines[1]).toMatch(/^\d+% chance the customer still buys \(churn risk \d+%\): 4 orders in 190 days, the last 10 days ago\.$/)
    expect(lines[3]).toBe(`Model: ${result.reason}`)
  })

  it("treats a one-order buyer as not yet lapsed, and explains why", () => {
    const customer = history("once", 1, 200, 200, 50)
    const prediction = predictCustomer(result.fitted, customer, { now })!
    expect(prediction.churn_risk).toBe(0)
    expect(prediction.expected_orders).toBeLessThan(
      predictCustomer(result.fitted, history("fresh", 1, 5, 5, 50), { now })!.expected_orders
    )
    expect(explainPrediction(prediction, customer, result.fitted, now)[1]).toMatch(/^One order so far, 200 days ago: BG\/NBD/)
  })
})

describe("predict from the first orders (median-gap fallback)", () => {
  // Gaps of 40, 30 and 60 days: the store's median gap is 40.
  const customers = [
    history("regular", 3, 100, 20, 300),
    history("weekly-ish", 4, 120, 30, 200),
    history("slow", 2, 200, 140, 90),
    history("once", 1, 10, 10, 30),
    { id: "lead", orders: 0, first_order_at: null, last_order_at: null, monetary: 0 },
  ]
  const result = predict(customers, now)
  const byId = (id: string) => result.predictions.find((entry) => entry.id === id)!.prediction

  it("uses the fallback below 50 repeat buyers and says why", () => {
    expect(result.model).toBe("median_gap")
    expect(result.reason).toBe("3 buyers with a repeat order so far; the BG/NBD model needs 50.")
    expect(result.fitted.store).toMatchObject({ median_gap_days: 40, median_gap_source: "orders", repeat_buyers: 3 })
  })

  it("expects horizon / median gap orders, decayed by the time since the last order", () => {
    const prediction = byId("regular")!
    const alive = Math.exp(-20 / (DEFAULT_DECAY_GAPS * 40))
    expect(prediction.probability_alive).toBeCloseTo(alive, 12)
    expect(prediction.churn_risk).toBeCloseTo(1 - alive, 12)
    expect(prediction.expected_orders).toBeCloseTo((365 / 40) * alive, 12)
    // Their own average order: 300 over 3 orders.
    expect(prediction.expected_value).toBeCloseTo((365 / 40) * alive * 100, 9)
    expect(prediction.next_order_expected_at).toEqual(new Date(now.getTime() + (40 / alive) * DAY))
  })

  it("keeps e^-1 of the chance of buying after three typical gaps of silence", () => {
    const silent = predictCustomer(result.fitted, history("quiet", 2, 300, 120, 80), { now })!
    expect(silent.probability_alive).toBeCloseTo(Math.exp(-1), 12)
  })

  it("values a one-order buyer's future orders at the store's average order", () => {
    // (300 + 200 + 90 + 30) / (3 + 4 + 2 + 1) = 62 per order.
    const prediction = byId("once")!
    expect(prediction.expected_value).toBeCloseTo(prediction.expected_orders * 62, 9)
  })

  it("gives a contact without orders no prediction", () => {
    expect(byId("lead")).toBeNull()
    expect(explainPrediction(null, customers[4], result.fitted, now)).toEqual([
      "No prediction: the contact has no order yet.",
    ])
  })

  it("has no next-order date when less than one order is expected in the horizon", () => {
    const gone = predictCustomer(result.fitted, history("gone", 2, 900, 800, 80), { now })!
    expect(gone.expected_orders).toBeLessThan(1)
    expect(gone.next_order_expected_at).toBeNull()
    expect(explainPrediction(gone, history("gone", 2, 900, 800, 80), result.fitted, now)[2]).toBe(
      "No order expected within the next 365 days."
    )
  })

  it("assumes a 90-day gap until the store has a repeat buyer", () => {
    const first = fitPredictionModel([history("one", 1, 3, 3, 25)], now)
    expect(first.store).toMatchObject({ median_gap_days: 90, median_gap_source: "default" })
    const prediction = predictCustomer(first, history("one", 1, 3, 3, 25), { now, horizonDays: 90 })!
    expect(prediction.expected_orders).toBeCloseTo(Math.exp(-3 / 270), 12)
    expect(prediction.expected_value).toBeCloseTo(prediction.expected_orders * 25, 9)
  })

  it("explains the fallback and its reason", () => {
    const lines = explainPrediction(byId("regular"), customers[0], result.fitted, now, { currencyCode: "EUR" })
    expect(lines).toEqual([
      expect.stringMatching(/^Expected 7\.72 orders worth €772\.\d\d in the next 365 days\.$/),
      "85% chance the customer still buys (churn risk 15%): last order 20 days ago, against a typical 40 days between orders in this store.",
      expect.stringMatching(/^Next order expected around 2026-07-\d\d\.$/),
      "Model: the store's median gap between orders, because 3 buyers with a repeat order so far; the BG/NBD model needs 50.",
    ])
  })

  it("falls back when the BG/NBD fit does not converge", () => {
    // 60 repeat buyers who all bought again today: no sign of anyone leaving.
    const neverLeave = Array.from({ length: 60 }, (_, i) => history(`n${i}`, 2 + (i % 3), 30 + i, 0, 100))
    const fitted = fitPredictionModel(neverLeave, now)
    expect(fitted.model).toBe("median_gap")
    expect(fitted.reason).toBe("The BG/NBD fit did not converge on this store's orders.")
  })

  it("honours a lower repeat-buyer threshold", () => {
    expect(fitPredictionModel(customers, now, { minRepeatBuyers: 3 }).reason).not.toMatch(/needs/)
  })
})
