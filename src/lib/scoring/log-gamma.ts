// Bound once: the likelihood loops call these millions of times per fit, and
// under a sandboxed global (jest runs tests in a vm context) every lookup of
// the global Math costs more than the arithmetic itself.
const { log, sin } = Math

// Lanczos approximation with g = 7 and nine coefficients (the set popularised
// by Numerical Recipes and Boost): about 15 significant digits for x > 0,
// which the likelihoods below need because they subtract log-gammas of
// nearby arguments. JavaScript has no Math.lgamma.
const LANCZOS_G = 7
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
]
const HALF_LOG_TWO_PI = 0.5 * log(2 * Math.PI)

/** ln Γ(x) for x > 0; NaN elsewhere (the models only need positive arguments). */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    return x === Infinity ? Infinity : NaN
  }
  if (x < 0.5) {
    // Reflection (Γ(x)Γ(1−x) = π / sin πx) keeps tiny arguments accurate,
    // where the series below would lose digits.
    return log(Math.PI / sin(Math.PI * x)) - logGamma(1 - x)
  }
  const z = x - 1
  let sum = LANCZOS_COEFFICIENTS[0]
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    sum += LANCZOS_COEFFICIENTS[i] / (z + i)
  }
  const t = z + LANCZOS_G + 0.5
  return HALF_LOG_TWO_PI + (z + 0.5) * log(t) - t + log(sum)
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b)
}
