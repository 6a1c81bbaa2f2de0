export type NelderMeadOptions = {
  /** Initial simplex edge per coordinate. */
  step?: number
  maxIterations?: number
  /** Converged when every vertex's value is within this of the best... */
  functionTolerance?: number
  /** ...and every vertex is within this of the best, coordinate-wise. */
  pointTolerance?: number
}

export type NelderMeadResult = {
  point: number[]
  value: number
  iterations: number
  evaluations: number
  converged: boolean
}

const DEFAULTS: Required<NelderMeadOptions> = {
  step: 0.5,
  maxIterations: 5_000,
  functionTolerance: 1e-10,
  pointTolerance: 1e-7,
}

/**
 * Nelder–Mead downhill simplex (Nelder & Mead 1965, with the standard
 * coefficients of Lagarias et al. 1998: reflect 1, expand 2, contract ½,
 * shrink ½). Derivative-free, which suits likelihoods built from log-gammas
 * and series whose gradients would need digamma functions. Non-finite values
 * count as +∞, so a callback can reject a point by returning NaN or ∞.
 */
export function nelderMead(
  f: (point: number[]) => number,
  start: number[],
  options: NelderMeadOptions = {}
): NelderMeadResult {
  const { step, maxIterations, functionTolerance, pointTolerance } = { ...DEFAULTS, ...options }
  const n = start.length
  let evaluations = 0
  const evaluate = (point: number[]) => {
    evaluations++
    const value = f(point)
    return Number.isFinite(value) ? value : Infinity
  }

  const simplex: number[][] = [start.slice()]
  for (let i = 0; i < n; i++) {
    const vertex = start.slice()
    vertex[i] += step
    simplex.push(vertex)
  }
  const values = simplex.map(evaluate)

  const order = () => {
    const indices = values.map((_, i) => i).sort((i, j) => values[i] - values[j])
    const points = indices.map((i) => simplex[i])
    const sorted = indices.map((i) => values[i])
    for (let i = 0; i <= n; i++) {
      simplex[i] = points[i]
      values[i] = sorted[i]
    }
  }
  const along = (from: number[], to: number[], t: number) =>
    from.map((value, i) => value + t * (to[i] - value))

  let iterations = 0
  let converged = false
  for (; iterations < maxIterations; iterations++) {
    order()
    const best = simplex[0]
    const spread = Math.max(...values.map((value) => Math.abs(value - values[0])))
    const size = Math.max(
      ...simplex.slice(1).map((vertex) => Math.max(...vertex.map((v, i) => Math.abs(v - best[i]))))
    )
    if (Number.isFinite(values[0]) && spread <= functionTolerance && size <= pointTolerance) {
      converged = true
      break
    }

    const centroid = new Array<number>(n).fill(0)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        centroid[j] += simplex[i][j] / n
      }
    }
    const worst = simplex[n]
    const reflected = along(centroid, worst, -1)
    const reflectedValue = evaluate(reflected)

    if (reflectedValue < values[0]) {
      const expanded = along(centroid, worst, -2)
      const expandedValue = evaluate(expanded)
      if (expandedValue < reflectedValue) {
        simplex[n] = expanded
        values[n] = expandedValue
      } else {
        simplex[n] = reflected
        values[n] = reflectedValue
      }
      continue
    }
    if (reflectedValue < values[n - 1]) {
      simplex[n] = reflected
      values[n] = reflectedValue
      continue
    }
    const outside = reflectedValue < values[n]
    const contracted = outside ? along(centroid, worst, -0.5) : along(centroid, worst, 0.5)
    const contractedValue = evaluate(contracted)
    if (contractedValue < (outside ? reflectedValue : values[n])) {
      simplex[n] = contracted
      values[n] = contractedValue
      continue
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = along(simplex[0], simplex[i], 0.5)
      values[i] = evaluate(simplex[i])
    }
  }
  order()
  return { point: simplex[0], value: values[0], iterations, evaluations, converged }
}

/**
 * Minimises from several starting points and keeps the best, then restarts
 * that one from its own optimum with a fresh, smaller simplex until a restart
 * no longer improves the value: a simplex can collapse before it reaches the
 * minimum, and restarting is the usual remedy. Only the winner is restarted,
 * which costs a fraction of restarting every start. The result is `converged`
 * when the final run met the tolerances.
 */
export function minimizeFromStarts(
  f: (point: number[]) => number,
  starts: number[][],
  options: NelderMeadOptions & { maxRestarts?: number } = {}
): NelderMeadResult {
  const maxRestarts = options.maxRestarts ?? 3
  const tolerance = options.functionTolerance ?? DEFAULTS.functionTolerance
  const step = (options.step ?? DEFAULTS.step) / 5
  let evaluations = 0
  let best: NelderMeadResult | null = null
  for (const start of starts) {
    const result = nelderMead(f, start, options)
    evaluations += result.evaluations
    if (!best || result.value < best.value) {
      best = result
    }
  }
  if (!best) {
    throw new RangeError("minimizeFromStarts needs at least one starting point")
  }
  for (let restart = 0; restart < maxRestarts; restart++) {
    const again = nelderMead(f, best.point, { ...options, step })
    evaluations += again.evaluations
    const improved = best.value - again.value > tolerance
    if (again.value <= best.value) {
      best = again
    }
    if (!improved) {
      break
    }
  }
  return { ...best, evaluations }
}
