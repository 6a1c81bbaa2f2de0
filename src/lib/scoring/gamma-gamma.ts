import { logGamma } from "./log-gamma"
import { minimizeFromStarts } from "./nelder-mead"

// Bound once for the hot loops below (see log-gamma.ts for why).
const { exp, log } = Math

/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
 * "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", and
 * Fader & Hardie's note "The Gamma-Gamma Model of Monetary Value", 2013).
 *
 * A customer's transaction values are Gamma(p, ν) around their own mean p/ν,
 * and ν ~ Gamma(q, γ) across customers. Their observed mean is shrunk toward
 * the population mean pγ/(q−1), less so the more transactions it rests on.
 * The model assumes spend per order does not depend on how often a customer
 * buys, which is why it pairs with BG/NBD.
 */
export type GammaGammaParams = { p: number; q: number; gamma: number }

export type GammaGammaCustomer = {
  /** Transactions the mean is taken over (≥ 1). */
  x: number
  /** Mean value of those transactions (> 0). */
  mean: number
}

export type GammaGammaFit = {
  params: GammaGammaParams
  log_likelihood: number
  converged: boolean
  customers: number
  evaluations: number
}

function assertCustomer(customer: GammaGammaCustomer, index: number) {
  if (!Number.isInteger(customer.x) || customer.x < 1) {
    throw new RangeError(`customers[${index}].x must be a whole number ≥ 1, got ${customer.x}`)
  }
  if (!(customer.mean > 0) || !Number.isFinite(customer.mean)) {
    throw new RangeError(`customers[${index}].mean must be a finite number > 0, got ${customer.mean}`)
  }
}

/**
 * Sum over customers of the log density of the observed mean z̄ given x
 * (Fader & Hardie 2013, the marginal of z̄ after integrating ν out):
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x
 *   − (px+q) ln(γ + x z̄)
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: GammaGammaCustomer[]
): number {
  return preparedLogLikelihood(params, prepare(customers))
}

/**
 * What the likelihood reads of the customers, arranged once per fit rather
 * than once per evaluation: x as an index into its distinct values (the
 * log-gamma terms depend on x alone, and x is a small whole number shared by
 * many customers) and ln z̄, which no parameter changes.
 */
type Prepared = {
  x: Float64Array
  mean: Float64Array
  logMean: Float64Array
  xIndex: Int32Array
  distinctX: number[]
}

function prepare(customers: GammaGammaCustomer[]): Prepared {
  const distinctX = [...new Set(customers.map((customer) => customer.x))]
  const position = new Map(distinctX.map((x, i) => [x, i]))
  return {
    x: Float64Array.from(customers, (customer) => customer.x),
    mean: Float64Array.from(customers, (customer) => customer.mean),
    logMean: Float64Array.from(customers, (customer) => log(customer.mean)),
    xIndex: Int32Array.from(customers, (customer) => position.get(customer.x)!),
    distinctX,
  }
}

function preparedLogLikelihood(params: GammaGammaParams, data: Prepared): number {
  const { p, q, gamma } = params
  const constant = -logGamma(q) + q * log(gamma)
  const perX = data.distinctX.map((x) => {
    const px = p * x
    return logGamma(px + q) - logGamma(px) + constant + px * log(x)
  })
  let total = 0
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]
    const px = p * x
    total += perX[data.xIndex[i]] + (px - 1) * data.logMean[i] - (px + q) * log(gamma + x * data.mean[i])
  }
  return total
}

// As in BG/NBD's fit: a wall at e^±20, and an optimum next to it is a
// degenerate fit (every customer spending exactly the same), not a converged one.
const LOG_BOUND = 20
const atBound = (theta: number[]) => theta.some((value) => Math.abs(value) > LOG_BOUND - 1)

/**
 * Maximum-likelihood fit by Nelder–Mead, from starts whose implied
 * population mean pγ/(q−1) equals the observed average, so the search only
 * has to find the spread.
 *
 * The search runs on ln p, ln q and ln s with s = pγ/q (the mean spend of a
 * customer whose ν is the population's average) rather than ln γ: p and γ
 * are pinned down only together, along a long curved ridge that a simplex
 * crawls up in thousands of steps when prices vary little; with s as a
 * coordinate the ridge lies along the axes and the fit takes a few hundred.
 */
export function fitGammaGamma(customers: GammaGammaCustomer[]): GammaGammaFit {
  customers.forEach(assertCustomer)
  if (customers.length === 0) {
    throw new RangeError("fitGammaGamma needs at least one customer")
  }
  const average = customers.reduce((sum, customer) => sum + customer.mean, 0) / customers.length
  // Identical means (a shop with one price) have no spread to fit: the
  // likelihood only grows toward the wall, and searching there is slow and
  // pointless. Report it as not converged straight away.
  if (customers.every((customer) => Math.abs(customer.mean - average) <= 1e-9 * average)) {
    const params = { p: 1, q: 2, gamma: average }
    return {
      params,
      log_likelihood: gammaGammaLogLikelihood(params, customers),
      converged: false,
      customers: customers.length,
      evaluations: 1,
    }
  }
  const toParams = (theta: number[]): GammaGammaParams => {
    const p = exp(theta[0])
    const q = exp(theta[1])
    return { p, q, gamma: (exp(theta[2]) * q) / p }
  }
  const prepared = prepare(customers)
  const objective = (theta: number[]) => {
    if (theta.some((value) => Math.abs(value) > LOG_BOUND)) {
      return Infinity
    }
    return -preparedLogLikelihood(toParams(theta), prepared) / customers.length
  }
  const start = (p: number, q: number) => [
    log(p),
    log(q),
    log((average * (q - 1)) / p),
  ]
  const best = minimizeFromStarts(objective, [start(1, 2), start(5, 3), start(2, 6)], {
    maxIterations: 2_000,
  })
  const logLikelihood = -best.value * customers.length
  return {
    params: toParams(best.point),
    log_likelihood: logLikelihood,
    converged: best.converged && Number.isFinite(logLikelihood) && !atBound(best.point),
    customers: customers.length,
    evaluations: best.evaluations,
  }
}

/**
 * Population mean spend per transaction, pγ/(q−1); NaN when q ≤ 1, where
 * the model's mean does not exist.
 */
export function populationAverageValue(params: GammaGammaParams): number {
  const { p, q, gamma } = params
  return q > 1 ? (p * gamma) / (q - 1) : NaN
}

/**
 * E[M | p, q, γ, x, z̄] = p(γ + x z̄) / (px + q − 1): a weighted average of
 * the population mean and the customer's own mean, the customer's weight
 * px / (px + q − 1) growing with x. NaN when q ≤ 1.
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, mean: number): number {
  const { p, q, gamma } = params
  if (!(q > 1)) {
    return NaN
  }
  return (p * (gamma + x * mean)) / (p * x + q - 1)
}
