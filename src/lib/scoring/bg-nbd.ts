import { hypergeometric2F1Tail } from "./hypergeometric"
import { logGamma } from "./log-gamma"
import { minimizeFromStarts } from "./nelder-mead"

// Bound once for the hot loops below (see log-gamma.ts for why).
const { exp, expm1, log, log1p, max } = Math

/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat
 * purchasing, from Fader, Hardie & Lee (2005), "Counting Your Customers the
 * Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2).
 *
 * While active, a customer buys as a Poisson process with rate λ; after each
 * repeat purchase they drop out for good with probability p. Across customers
 * λ ~ Gamma(r, α) (shape r, rate α) and p ~ Beta(a, b). Times are in whatever
 * unit the caller uses (the store uses days, the CDNow example weeks); α is in
 * that unit, r, a and b have none.
 */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number }

/** One customer's history, counted from their first purchase. */
export type BgNbdCustomer = {
  /** Repeat purchases: all purchases but the first. */
  x: number
  /** Time of the last purchase, since the first (0 when x = 0). */
  t_x: number
  /** Time from the first purchase to now (the customer's age). */
  T: number
}

export type BgNbdFit = {
  params: BgNbdParams
  /** Total log-likelihood at `params`. */
  log_likelihood: number
  /** The optimiser met its tolerances; a fit that did not is not to be used. */
  converged: boolean
  customers: number
  evaluations: number
}

export type BgNbdFitOptions = {
  maxIterations?: number
  /**
   * Parameters to start from, such as the last fit's: the store's orders
   * change little between two fits, so the search starts next to the answer
   * and the usual spread of starting points is only tried if it fails there.
   */
  start?: BgNbdParams | null
}

// Customers sharing (x, t_x, T) contribute identical likelihood terms; in a
// store many one-order customers share a first-order day, so grouping cuts
// the work of every likelihood evaluation.
type Grouped = {
  count: Float64Array
  x: Float64Array
  tx: Float64Array
  T: Float64Array
  /** Index into the distinct repeat counts, for per-x log-gamma caching. */
  xIndex: Int32Array
  distinctX: number[]
  /**
   * Indexes of T and t_x into the distinct values of either. The store
   * counts in whole days, so a few hundred distinct values serve tens of
   * thousands of groups: ln(α + T) is taken once per value, not per group.
   */
  TIndex: Int32Array
  txIndex: Int32Array
  distinctTimes: number[]
  total: number
}

function assertCustomer(customer: BgNbdCustomer, index: number) {
  const { x, t_x, T } = customer
  if (!Number.isInteger(x) || x < 0) {
    throw new RangeError(`customers[${index}].x must be a whole number ≥ 0, got ${x}`)
  }
  if (!(T >= 0) || !Number.isFinite(T)) {
    throw new RangeError(`customers[${index}].T must be a finite number ≥ 0, got ${T}`)
  }
  if (!(t_x >= 0 && t_x <= T)) {
    throw new RangeError(`customers[${index}].t_x must be between 0 and T, got ${t_x}`)
  }
}

function group(customers: BgNbdCustomer[]): Grouped {
  const groups = new Map<string, { customer: BgNbdCustomer; count: number }>()
  customers.forEach((customer, index) => {
    assertCustomer(customer, index)
    const t_x = customer.x === 0 ? 0 : customer.t_x
    const key = `${customer.x}|${t_x}|${customer.T}`
    const entry = groups.get(key)
    if (entry) {
      entry.count++
    } else {
      groups.set(key, { customer: { ...customer, t_x }, count: 1 })
    }
  })
  const entries = [...groups.values()]
  const distinctX = [...new Set(entries.map((entry) => entry.customer.x))].sort((m, n) => m - n)
  const position = new Map(distinctX.map((x, i) => [x, i]))
  const distinctTimes = [
    ...new Set(entries.flatMap((entry) => [entry.customer.T, entry.customer.t_x])),
  ].sort((m, n) => m - n)
  const timePosition = new Map(distinctTimes.map((time, i) => [time, i]))
  return {
    count: Float64Array.from(entries, (entry) => entry.count),
    x: Float64Array.from(entries, (entry) => entry.customer.x),
    tx: Float64Array.from(entries, (entry) => entry.customer.t_x),
    T: Float64Array.from(entries, (entry) => entry.customer.T),
    xIndex: Int32Array.from(entries, (entry) => position.get(entry.customer.x)!),
    distinctX,
    TIndex: Int32Array.from(entries, (entry) => timePosition.get(entry.customer.T)!),
    txIndex: Int32Array.from(entries, (entry) => timePosition.get(entry.customer.t_x)!),
    distinctTimes,
    total: customers.length,
  }
}

/**
 * The BG/NBD likelihood of one history (FHL 2005, section 3), in logs:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + ln[ (α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * with the two terms of the last bracket added in log space (log-sum-exp)
 * because each underflows on its own for frequent buyers.
 */
function groupedLogLikelihood(params: BgNbdParams, data: Grouped): number {
  const { r, alpha, a, b } = params
  const logAlpha = log(alpha)
  const logA = log(a)
  const lgR = logGamma(r)
  const lgB = logGamma(b)
  const lgAB = logGamma(a + b)
  const perX = data.distinctX.map(
    (x) =>
      logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x)
  )
  const logDropOdds = data.distinctX.map((x) => (x > 0 ? logA - log(b + x - 1) : 0))
  const logAlphaPlus = data.distinctTimes.map((time) => log(alpha + time))
  let total = 0
  for (let i = 0; i < data.count.length; i++) {
    const x = data.x[i]
    const rx = r + x
    const aliveTerm = -rx * logAlphaPlus[data.TIndex[i]]
    let tail = aliveTerm
    if (x > 0) {
      const droppedTerm = logDropOdds[data.xIndex[i]] - rx * logAlphaPlus[data.txIndex[i]]
      const high = max(aliveTerm, droppedTerm)
      tail = high + log(exp(aliveTerm - high) + exp(droppedTerm - high))
    }
    total += data.count[i] * (perX[data.xIndex[i]] + tail)
  }
  return total
}

/** Total BG/NBD log-likelihood of the customers' histories under `params`. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: BgNbdCustomer[]): number {
  return groupedLogLikelihood(params, group(customers))
}

// Optimising ln r, ln α, ln a, ln b keeps every parameter positive without
// constraints and makes the surface rounder for the simplex. When the data
// carry no sign of drop-out (every repeat buyer bought again just now) the
// likelihood keeps rising toward a → 0 or b → ∞; the search is walled off at
// e^±20 and an optimum within e^1 of the wall counts as not converged, so the
// caller falls back instead of trusting a model that says nobody ever leaves.
const LOG_BOUND = 20
const atBound = (theta: number[]) => theta.some((value) => Math.abs(value) > LOG_BOUND - 1)

/**
 * Maximum-likelihood fit of BG/NBD by Nelder–Mead on the log-parameters,
 * from three starts spread around the observed purchase rate (r/α, the mean
 * rate, started at Σx / ΣT), keeping the best.
 */
export function fitBgNbd(customers: BgNbdCustomer[], options: BgNbdFitOptions = {}): BgNbdFit {
  const data = group(customers)
  if (data.total === 0) {
    throw new RangeError("fitBgNbd needs at least one customer")
  }
  let repeats = 0
  let age = 0
  for (let i = 0; i < data.count.length; i++) {
    repeats += data.count[i] * data.x[i]
    age += data.count[i] * data.T[i]
  }
  const rate = repeats > 0 && age > 0 ? repeats / age : 1 / max(age / data.total, 1)
  const toParams = (theta: number[]): BgNbdParams => ({
    r: exp(theta[0]),
    alpha: exp(theta[1]),
    a: exp(theta[2]),
    b: exp(theta[3]),
  })
  const objective = (theta: number[]) => {
    if (theta.some((value) => Math.abs(value) > LOG_BOUND)) {
      return Infinity
    }
    // Per customer, so the tolerances mean the same for any population size.
    return -groupedLogLikelihood(toParams(theta), data) / data.total
  }
  const start = (r: number, a: number, b: number) => [
    log(r),
    log(r / rate),
    log(a),
    log(b),
  ]
  const search = (starts: number[][]) =>
    minimizeFromStarts(objective, starts, { maxIterations: options.maxIterations ?? 2_000 })
  const spread = () => search([start(1, 1, 1), start(0.3, 0.8, 2.5), start(3, 2, 6)])
  const previous = options.start
  let best = previous
    ? search([[log(previous.r), log(previous.alpha), log(previous.a), log(previous.b)]])
    : spread()
  if (previous && (!best.converged || atBound(best.point) || !Number.isFinite(best.value))) {
    const tried = best.evaluations
    best = spread()
    best = { ...best, evaluations: best.evaluations + tried }
  }
  const params = toParams(best.point)
  const logLikelihood = -best.value * data.total
  return {
    params,
    log_likelihood: logLikelihood,
    converged: best.converged && Number.isFinite(logLikelihood) && !atBound(best.point),
    customers: data.total,
    evaluations: best.evaluations,
  }
}

/**
 * P(alive | x, t_x, T), from Fader, Hardie & Lee's note "Computing P(alive)
 * Using the BG/NBD Model" (2008):
 *   1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
 * A customer with no repeat purchase is alive with probability 1: in BG/NBD
 * a customer can only drop out right after a repeat purchase. Their expected
 * purchases still fall with age, as the posterior of λ shifts down.
 */
export function probabilityAlive(params: BgNbdParams, customer: BgNbdCustomer): number {
  const { r, alpha, a, b } = params
  const { x, t_x, T } = customer
  if (x === 0) {
    return 1
  }
  const logOdds =
    log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + t_x))
  return 1 / (1 + exp(logOdds))
}

/**
 * Expected purchases in the next `t` time units, given the history: the
 * conditional expectation of FHL 2005,
 *   E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1)
 *     · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)]
 *     / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)),   z = t/(α+T+t).
 * Euler's transformation 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z)
 * turns the bracket into 1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z),
 * whose series stays near 1 for any x, where the original grows like
 * (1−z)^−x and overflows for frequent buyers. The bracket is computed with
 * expm1/log1p because it is a small difference when a is close to 1.
 * NaN when the series does not converge, for the caller to fall back.
 */
export function expectedPurchases(
  params: BgNbdParams,
  t: number,
  customer: BgNbdCustomer
): number {
  const { r, alpha, b } = params
  const { x, t_x, T } = customer
  if (t <= 0) {
    return 0
  }
  // a = 1 is a removable singularity of (a−1) in both numerator and
  // denominator; a step of 1e-9 changes the result far below its accuracy.
  const a = params.a === 1 ? 1 + 1e-9 : params.a
  const z = t / (alpha + T + t)
  const tail = hypergeometric2F1Tail(a + b - 1 - r, a - 1, a + b + x - 1, z)
  if (!Number.isFinite(tail) || tail <= -1) {
    return NaN
  }
  const bracket = -expm1((a - 1) * log1p(-z) + log1p(tail))
  const numerator = ((a + b + x - 1) / (a - 1)) * bracket
  const oddsDropped =
    x > 0
      ? exp(
          log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + t_x))
        )
      : 0
  return numerator / (1 + oddsDropped)
}
