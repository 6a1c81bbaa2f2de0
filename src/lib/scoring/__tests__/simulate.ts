import type { BgNbdCustomer, BgNbdParams } from "../bg-nbd"
import type { GammaGammaCustomer, GammaGammaParams } from "../gamma-gamma"

/** mulberry32: a small seeded PRNG, so simulated populations are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function normal(random: () => number): number {
  const u = 1 - random()
  const v = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function gammaSample(random: () => number, shape: number, rate: number): number {
  if (shape < 1) {
    return gammaSample(random, shape + 1, rate) * Math.pow(1 - random(), 1 / shape)
  }
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      x = normal(random)
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    const u = 1 - random()
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
      return (d * v) / rate
    }
  }
}

export function betaSample(random: () => number, a: number, b: number): number {
  const x = gammaSample(random, a, 1)
  const y = gammaSample(random, b, 1)
  return x / (x + y)
}

/**
 * Customers following the BG/NBD story exactly: λ ~ Gamma(r, α), p ~ Beta(a, b);
 * purchases arrive as a Poisson process from the first one at time 0, and
 * after each repeat purchase the customer drops out with probability p.
 * Ages T are spread uniformly over [minT, maxT], as a cohort acquired over time.
 */
export function simulateBgNbd(
  params: BgNbdParams,
  count: number,
  seed: number,
  minT: number,
  maxT: number
): BgNbdCustomer[] {
  const random = seededRandom(seed)
  const customers: BgNbdCustomer[] = []
  for (let i = 0; i < count; i++) {
    const lambda = gammaSample(random, params.r, params.alpha)
    const p = betaSample(random, params.a, params.b)
    const T = minT + (maxT - minT) * random()
    let time = 0
    let x = 0
    let t_x = 0
    for (;;) {
      time += -Math.log(1 - random()) / lambda
      if (time > T) {
        break
      }
      x++
      t_x = time
      if (random() < p) {
        break
      }
    }
    customers.push({ x, t_x, T })
  }
  return customers
}

/** Customers whose transaction values follow Gamma-Gamma: ν ~ Gamma(q, γ), z ~ Gamma(p, ν). */
export function simulateGammaGamma(
  params: GammaGammaParams,
  count: number,
  seed: number,
  maxTransactions: number
): GammaGammaCustomer[] {
  const random = seededRandom(seed)
  const customers: GammaGammaCustomer[] = []
  for (let i = 0; i < count; i++) {
    const nu = gammaSample(random, params.q, params.gamma)
    const x = 1 + Math.floor(random() * maxTransactions)
    let sum = 0
    for (let j = 0; j < x; j++) {
      sum += gammaSample(random, params.p, nu)
    }
    customers.push({ x, mean: sum / x })
  }
  return customers
}
