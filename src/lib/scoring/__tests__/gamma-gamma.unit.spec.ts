import fc from "fast-check"
import {
  expectedAverageValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationAverageValue,
} from "../gamma-gamma"
import { simulateGammaGamma } from "./simulate"

// Gamma-Gamma estimates on the CDNow data, as published with the model.
const TRUTH = { p: 6.25, q: 3.74, gamma: 15.44 }
const relative = (estimate: number, truth: number) => Math.abs(estimate / truth - 1)

describe("fitGammaGamma", () => {
  const customers = simulateGammaGamma(TRUTH, 3_000, 2013, 10)
  const fit = fitGammaGamma(customers)

  it("recovers the population's mean spend and the spread across customers", () => {
    expect(fit.converged).toBe(true)
    // The mean spend pγ/(q−1) is what predictions use, and it is pinned down
    // well; p and γ trade off against each other, so they get more room.
    expect(relative(populationAverageValue(fit.params), populationAverageValue(TRUTH))).toBeLessThan(0.05)
    expect(relative(fit.params.q, TRUTH.q)).toBeLessThan(0.2)
    expect(relative(fit.params.p, TRUTH.p)).toBeLessThan(0.35)
    expect(relative(fit.params.gamma, TRUTH.gamma)).toBeLessThan(0.35)
    expect(fit.log_likelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(TRUTH, customers) - 1e-6)
  })

  it("rejects customers without a transaction or with a non-positive mean, naming the field", () => {
    expect(() => fitGammaGamma([{ x: 0, mean: 10 }])).toThrow("customers[0].x")
    expect(() => fitGammaGamma([{ x: 2, mean: 10 }, { x: 2, mean: -1 }])).toThrow("customers[1].mean")
  })
})

describe("expectedAverageValue", () => {
  const population = populationAverageValue(TRUTH)

  it("shrinks a customer's mean toward the population mean, less so the more orders it rests on", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1_000, noNaN: true }), fc.integer({ min: 1, max: 50 }), (mean, x) => {
        const expected = expectedAverageValue(TRUTH, x, mean)
        const low = Math.min(mean, population)
        const high = Math.max(mean, population)
        const moreOrders = expectedAverageValue(TRUTH, x + 1, mean)
        return (
          expected >= low - 1e-9 &&
          expected <= high + 1e-9 &&
          Math.abs(moreOrders - mean) <= Math.abs(expected - mean) + 1e-9
        )
      })
    )
  })

  it("returns the population mean for a customer whose mean equals it", () => {
    expect(expectedAverageValue(TRUTH, 3, population)).toBeCloseTo(population, 10)
  })

  it("is undefined when q ≤ 1, where the model has no finite mean", () => {
    expect(expectedAverageValue({ ...TRUTH, q: 0.9 }, 3, 50)).toBeNaN()
    expect(populationAverageValue({ ...TRUTH, q: 1 })).toBeNaN()
  })
})
