import fc from "fast-check"
import {
  bgNbdLogLikelihood,
  BgNbdParams,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
} from "../bg-nbd"
import { hypergeometric2F1 } from "../hypergeometric"
import { simulateBgNbd } from "./simulate"

// The CDNow estimates of Fader, Hardie & Lee (2005), in weeks.
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const relative = (estimate: number, truth: number) => Math.abs(estimate / truth - 1)

describe("fitBgNbd", () => {
  // 3,000 customers drawn from the CDNow parameters, acquired over a year
  // and watched until week 78, with a fixed seed so the numbers are stable.
  const customers = simulateBgNbd(CDNOW, 3_000, 1997, 27, 78)
  const started = Date.now()
  const fit = fitBgNbd(customers)
  const seconds = (Date.now() - started) / 1000

  it("recovers the parameters the population was generated with", () => {
    expect(fit.converged).toBe(true)
    expect(relative(fit.params.r, CDNOW.r)).toBeLessThan(0.25)
    expect(relative(fit.params.alpha, CDNOW.alpha)).toBeLessThan(0.25)
    expect(relative(fit.params.r / fit.params.alpha, CDNOW.r / CDNOW.alpha)).toBeLessThan(0.1)
    expect(relative(fit.params.a / fit.params.b, CDNOW.a / CDNOW.b)).toBeLessThan(0.15)
    expect(relative(fit.params.a, CDNOW.a)).toBeLessThan(0.3)
    expect(relative(fit.params.b, CDNOW.b)).toBeLessThan(0.3)
  })

  it("finds a likelihood at least as high as the true parameters give", () => {
    expect(fit.log_likelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(CDNOW, customers) - 1e-6)
    expect(fit.log_likelihood).toBeCloseTo(bgNbdLogLikelihood(fit.params, customers), 6)
  })

  it("fits a few thousand customers well within a unit test's budget", () => {
    expect(seconds).toBeLessThan(3)
  })

  it("reports no convergence when the data show no drop-out at all", () => {
    // Every repeat buyer bought again just now: the likelihood keeps rising
    // as the drop-out probability goes to zero, and the fit must say so.
    const neverLeave = Array.from({ length: 80 }, (_, i) => ({ x: 1 + (i % 3), t_x: 10 + i, T: 10 + i }))
    expect(fitBgNbd(neverLeave).converged).toBe(false)
  })

  it("started from the last fit, reaches the same optimum on a store that grew a little, with fewer evaluations", () => {
    const grown = [...customers, ...simulateBgNbd(CDNOW, 300, 2024, 27, 78)]
    const cold = fitBgNbd(grown)
    const warm = fitBgNbd(grown, { start: fit.params })
    expect(warm.converged).toBe(true)
    expect(warm.log_likelihood).toBeCloseTo(cold.log_likelihood, 3)
    for (const key of ["r", "alpha", "a", "b"] as const) {
      expect(relative(warm.params[key], cold.params[key])).toBeLessThan(0.01)
    }
    expect(warm.evaluations).toBeLessThan(cold.evaluations / 2)
  })

  it("falls back to the usual starting points when the last fit's leads nowhere", () => {
    const neverLeave = Array.from({ length: 80 }, (_, i) => ({ x: 1 + (i % 3), t_x: 10 + i, T: 10 + i }))
    const warm = fitBgNbd(neverLeave, { start: CDNOW })
    expect(warm.converged).toBe(false)
    expect(warm.evaluations).toBeGreaterThan(fitBgNbd(neverLeave).evaluations)
  })

  it("rejects histories that cannot happen, naming the field", () => {
    expect(() => fitBgNbd([{ x: 2, t_x: 40, T: 30 }])).toThrow("customers[0].t_x")
    expect(() => fitBgNbd([{ x: 1.5, t_x: 1, T: 30 }])).toThrow("customers[0].x")
    expect(() => fitBgNbd([])).toThrow()
  })
})

describe("expectedPurchases", () => {
  it("reproduces the paper's worked example: 1.226 purchases in the next 39 weeks", () => {
    // FHL 2005: x = 2, t_x = 30.43, T = 38.86 under the CDNow parameters.
    const params = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }
    expect(expectedPurchases(params, 39, { x: 2, t_x: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3)
  })

  it("agrees with the paper's untransformed formula where that one is safe to evaluate", () => {
    const direct = (params: BgNbdParams, t: number, x: number, t_x: number, T: number) => {
      const { r, alpha, a, b } = params
      const z = t / (alpha + T + t)
      const bracket =
        1 -
        Math.pow((alpha + T) / (alpha + T + t), r + x) * hypergeometric2F1(r + x, b + x, a + b + x - 1, z)
      const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + t_x), r + x) : 0)
      return (((a + b + x - 1) / (a - 1)) * bracket) / denominator
    }
    for (const [x, t_x, T] of [
      [0, 0, 20],
      [1, 5, 30],
      [4, 25, 40],
      [9, 70, 78],
    ]) {
      for (const params of [CDNOW, { r: 1.2, alpha: 30, a: 2.5, b: 4 }]) {
        expect(expectedPurchases(params, 52, { x, t_x, T })).toBeCloseTo(direct(params, 52, x, t_x, T), 9)
      }
    }
  })

  it("stays finite for very frequent buyers, where the untransformed series overflows", () => {
    const x = 2_000
    const z = 52 / (CDNOW.alpha + 78 + 52)
    expect(hypergeometric2F1(CDNOW.r + x, CDNOW.b + x, CDNOW.a + CDNOW.b + x - 1, z)).toBeNaN()
    const value = expectedPurchases(CDNOW, 52, { x, t_x: 78, T: 78 })
    // About 25 purchases a week and one just now: over a thousand in the next
    // year, fewer than 52 · 25 because each purchase risks a drop-out.
    expect(value).toBeGreaterThan(900)
    expect(value).toBeLessThan(1_300)
  })

  it("is zero for no time ahead and grows with the horizon", () => {
    const customer = { x: 3, t_x: 20, T: 30 }
    expect(expectedPurchases(CDNOW, 0, customer)).toBe(0)
    expect(expectedPurchases(CDNOW, 10, customer)).toBeLessThan(expectedPurchases(CDNOW, 20, customer))
  })

  it("copes with a = 1, where the formula's (a − 1) cancels", () => {
    const nearOne = expectedPurchases({ ...CDNOW, a: 1 + 1e-6 }, 39, { x: 2, t_x: 30, T: 39 })
    expect(expectedPurchases({ ...CDNOW, a: 1 }, 39, { x: 2, t_x: 30, T: 39 })).toBeCloseTo(nearOne, 5)
  })
})

describe("probabilityAlive", () => {
  it("falls the longer a customer has been silent since their last purchase", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (x, t_x, extra) => {
          const sooner = probabilityAlive(CDNOW, { x, t_x, T: t_x + extra })
          const later = probabilityAlive(CDNOW, { x, t_x, T: t_x + extra + 5 })
          return later < sooner && sooner <= 1 && later > 0
        }
      )
    )
  })

  it("trusts a frequent buyer who just bought more, and a frequent buyer gone quiet less, than an occasional one", () => {
    // Just bought: more purchases without dropping out mean a lower drop-out chance.
    expect(probabilityAlive(CDNOW, { x: 8, t_x: 40, T: 40 })).toBeGreaterThan(
      probabilityAlive(CDNOW, { x: 1, t_x: 40, T: 40 })
    )
    // Ten quiet weeks are normal for someone buying every few months, not for
    // someone who bought eight times in thirty weeks.
    expect(probabilityAlive(CDNOW, { x: 8, t_x: 30, T: 40 })).toBeLessThan(
      probabilityAlive(CDNOW, { x: 1, t_x: 30, T: 40 })
    )
  })

  it("treats a customer with only their first purchase as alive, their expected purchases falling with age", () => {
    expect(probabilityAlive(CDNOW, { x: 0, t_x: 0, T: 70 })).toBe(1)
    const young = expectedPurchases(CDNOW, 52, { x: 0, t_x: 0, T: 5 })
    const old = expectedPurchases(CDNOW, 52, { x: 0, t_x: 0, T: 70 })
    expect(old).toBeGreaterThan(0)
    expect(old).toBeLessThan(young)
  })
})
