import fc from "fast-check"
import { hypergeometric2F1 } from "../hypergeometric"
import { logBeta, logGamma } from "../log-gamma"
import { minimizeFromStarts, nelderMead } from "../nelder-mead"

describe("logGamma (Lanczos)", () => {
  it("matches exact values of ln Γ at integers and halves", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14)
    expect(logGamma(2)).toBeCloseTo(0, 14)
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14)
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12)
    expect(logGamma(100)).toBeCloseTo(359.13420536957540, 9)
  })

  it("stays accurate for tiny arguments, where Γ(x) ≈ 1/x", () => {
    const x = 1e-8
    expect(logGamma(x)).toBeCloseTo(-Math.log(x) - 0.5772156649 * x, 10)
  })

  it("satisfies ln Γ(x + 1) − ln Γ(x) = ln x across its range", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
        const difference = logGamma(x + 1) - logGamma(x)
        return Math.abs(difference - Math.log(x)) <= 1e-9 * Math.max(1, Math.abs(logGamma(x)))
      })
    )
  })

  it("is NaN outside x > 0 and gives ln B(a, b) from three log-gammas", () => {
    expect(logGamma(0)).toBeNaN()
    expect(logGamma(-1.5)).toBeNaN()
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14)
  })
})

describe("hypergeometric2F1", () => {
  it("agrees with closed forms", () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      const log = z === 0 ? 1 : -Math.log(1 - z) / z
      expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(log, 12)
      expect(hypergeometric2F1(0.7, 2.5, 2.5, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 10)
    }
    const s = 0.8
    expect(hypergeometric2F1(0.5, 0.5, 1.5, s * s)).toBeCloseTo(Math.asin(s) / s, 13)
  })

  it("reports NaN instead of a wrong sum when the series cannot converge in time", () => {
    expect(hypergeometric2F1(1, 1, 2, 0.999999, { maxTerms: 100 })).toBeNaN()
    expect(hypergeometric2F1(1, 1, 2, 1)).toBeNaN()
    expect(hypergeometric2F1(1, 1, -2, 0.5)).toBeNaN()
  })
})

describe("Nelder–Mead", () => {
  const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2

  it("finds the minimum of the Rosenbrock valley", () => {
    const result = minimizeFromStarts(rosenbrock, [[-1.2, 1]])
    expect(result.converged).toBe(true)
    expect(result.point[0]).toBeCloseTo(1, 4)
    expect(result.point[1]).toBeCloseTo(1, 4)
  })

  it("keeps the best of several starts on a function with two minima", () => {
    const twoWells = ([x]: number[]) => (x * x - 1) ** 2 + 0.3 * x
    const result = minimizeFromStarts(twoWells, [[2], [-2]])
    expect(result.point[0]).toBeLessThan(0)
  })

  it("treats NaN and infinite values as uphill, and reports running out of iterations", () => {
    const guarded = ([x]: number[]) => (x < 0 ? NaN : (x - 3) ** 2)
    expect(nelderMead(guarded, [1]).point[0]).toBeCloseTo(3, 5)
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 }).converged).toBe(false)
  })
})
