// Bound once for the hot loops below (see log-gamma.ts for why).
const { abs, max } = Math

/** Options for the Gauss hypergeometric series. */
export type HypergeometricOptions = {
  /** Stop once a term is below this fraction of the running sum. */
  tolerance?: number
  /** Give up (NaN) after this many terms. */
  maxTerms?: number
}

/**
 * The Gauss hypergeometric series 2F1(a, b; c; z) minus its leading 1, for
 * 0 ≤ z < 1. Returning the tail lets callers take log1p of it and keep the
 * digits that 1 + tiny would lose (BG/NBD's expected-purchases formula
 * subtracts a quantity close to 1).
 *
 * Terms follow t(n+1) = t(n) · (a+n)(b+n) / ((c+n)(n+1)) · z, and the ratio
 * tends to z. With q = max(current ratio, z) < 1 the rest of the series is
 * about |t| · q / (1 − q) (a geometric tail), and the sum is accepted when
 * that is below `tolerance` of the sum: a plain "small term" test would stop
 * far too early for z near 1, where terms shrink slowly. NaN when this does not happen
 * within `maxTerms` (or when c is a non-positive integer, where the series is
 * undefined), so callers fall back instead of using a wrong number.
 */
export function hypergeometric2F1Tail(
  a: number,
  b: number,
  c: number,
  z: number,
  options: HypergeometricOptions = {}
): number {
  const tolerance = options.tolerance ?? 1e-15
  const maxTerms = options.maxTerms ?? 1_000_000
  if (!(z >= 0 && z < 1) || ![a, b, c].every(Number.isFinite)) {
    return NaN
  }
  if (z === 0) {
    return 0
  }
  let term = 1
  let tail = 0
  for (let n = 0; n < maxTerms; n++) {
    const denominator = (c + n) * (n + 1)
    if (denominator === 0) {
      return NaN
    }
    const ratio = (((a + n) * (b + n)) / denominator) * z
    term *= ratio
    tail += term
    if (term === 0) {
      return tail
    }
    if (!Number.isFinite(tail)) {
      return NaN
    }
    const q = max(abs(ratio), z)
    if (q < 1 && (abs(term) * q) / (1 - q) <= tolerance * abs(1 + tail)) {
      return tail
    }
  }
  return NaN
}

/** 2F1(a, b; c; z) for 0 ≤ z < 1, NaN when the series does not converge. */
export function hypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  options?: HypergeometricOptions
): number {
  return 1 + hypergeometric2F1Tail(a, b, c, z, options)
}
