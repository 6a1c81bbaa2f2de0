import { BgNbdParams, expectedPurchases, fitBgNbd, probabilityAlive } from "./bg-nbd"
import { daysAgo, formatAmount, formatNumber, formatPercent, plural } from "./explain-format"
import {
  expectedAverageValue,
  fitGammaGamma,
  GammaGammaParams,
  populationAverageValue,
} from "./gamma-gamma"
import {
  DEFAULT_DECAY_GAPS,
  DEFAULT_MEDIAN_GAP_DAYS,
  fallbackOrderValue,
  medianGapPrediction,
  StoreOrderStats,
  storeOrderStats,
} from "./median-gap"
import {
  DAY_MS,
  daysBetween,
  isBuyer,
  PurchaseHistory,
  toBgNbdCustomer,
} from "./purchase-history"

export type PredictionModelKind = "bg_nbd" | "median_gap"

export type PredictionOptions = {
  /** Days ahead the predictions cover; default 365. */
  horizonDays?: number
  /** Fewer buyers with a repeat order than this and the fallback is used; default 50. */
  minRepeatBuyers?: number
  /** k of the fallback's recency decay; default 3. */
  decayGaps?: number
  /** Gap assumed before the store has any repeat buyer; default 90 days. */
  defaultGapDays?: number
  /** Buyers the models are fitted on, at most; default 25,000. */
  maxFitCustomers?: number
  /** The last fit's BG/NBD parameters, where the new fit starts its search. */
  previousBgNbd?: BgNbdParams | null
}

/**
 * Below this many buyers with a second order, BG/NBD's drop-out parameters
 * (a, b) rest on too few repeat histories to trust, and the fit often wanders
 * to a boundary; the simple median-gap estimate is more honest.
 */
export const MIN_REPEAT_BUYERS_FOR_MODEL = 50

export const DEFAULT_HORIZON_DAYS = 365

/**
 * The fits use an evenly spread sample of at most this many buyers. The
 * estimates' errors shrink as 1/√n, so past a few tens of thousands more
 * buyers barely move them, while each optimiser step costs time per buyer.
 * Every buyer is still predicted, and the store statistics use them all.
 */
export const DEFAULT_MAX_FIT_CUSTOMERS = 25_000

// Systematic sampling (every k-th buyer): deterministic, so a refresh on the
// same data gives the same model, and spread over whatever order the caller
// reads buyers in.
function evenSample<T>(items: T[], size: number): T[] {
  return items.length <= size ? items : fitSampleIndexes(items.length, size).map((index) => items[index])
}

/**
 * What a refresh fitted, in plain JSON so it can be stored and reused to score
 * one contact when their next order arrives. BG/NBD parameters are in days.
 */
export type PredictionModel = {
  model: PredictionModelKind
  /** Why this model: shown in the admin. */
  reason: string
  bg_nbd: BgNbdParams | null
  /** Spend model; null when spend per order comes from average order values. */
  gamma_gamma: GammaGammaParams | null
  store: StoreOrderStats
  decay_gaps: number
}

export type CustomerPrediction = {
  id: string
  /** Which model produced this contact's numbers. */
  model: PredictionModelKind
  horizon_days: number
  expected_orders: number
  expected_value: number
  probability_alive: number
  churn_risk: number
  next_order_expected_at: Date | null
}

/**
 * Fits what the data supports: BG/NBD (and Gamma-Gamma for spend) once there
 * are `minRepeatBuyers` buyers with a second order and the fit converges;
 * otherwise the median-gap fallback, so predictions exist from the first order.
 */
export function fitPredictionModel(
  customers: PurchaseHistory[],
  now: Date,
  options: PredictionOptions = {}
): PredictionModel {
  const buyers = customers.filter(isBuyer)
  return fitPredictionModelOnSample(
    {
      store: storeOrderStats(buyers, options.defaultGapDays ?? DEFAULT_MEDIAN_GAP_DAYS),
      sample: evenSample(buyers, options.maxFitCustomers ?? DEFAULT_MAX_FIT_CUSTOMERS),
    },
    now,
    options
  )
}

/** Indexes of the buyers `fitPredictionModel` fits on, out of `count` buyers in the order given. */
export function fitSampleIndexes(count: number, size = DEFAULT_MAX_FIT_CUSTOMERS): number[] {
  if (count <= size) {
    return Array.from({ length: count }, (_, i) => i)
  }
  const stride = count / size
  return Array.from({ length: size }, (_, i) => Math.floor(i * stride))
}

/**
 * `fitPredictionModel` from what it derives of the buyers rather than the
 * buyers themselves: the store statistics over all of them and the sample
 * the fits use (`fitSampleIndexes` of the buyers in the order given). A
 * caller that computes both in the database gets the same model without
 * reading every buyer.
 */
export function fitPredictionModelOnSample(
  population: { store: StoreOrderStats; sample: PurchaseHistory[] },
  now: Date,
  options: PredictionOptions = {}
): PredictionModel {
  const { store, sample } = population
  const minRepeatBuyers = options.minRepeatBuyers ?? MIN_REPEAT_BUYERS_FOR_MODEL
  const decayGaps = options.decayGaps ?? DEFAULT_DECAY_GAPS
  const fallback = (reason: string): PredictionModel => ({
    model: "median_gap",
    reason,
    bg_nbd: null,
    gamma_gamma: null,
    store,
    decay_gaps: decayGaps,
  })

  if (store.repeat_buyers < minRepeatBuyers) {
    return fallback(
      `${plural(store.repeat_buyers, "buyer")} with a repeat order so far; the BG/NBD model needs ${minRepeatBuyers}.`
    )
  }
  const purchases = fitBgNbd(
    sample.map((buyer) => toBgNbdCustomer(buyer, now)),
    { start: options.previousBgNbd }
  )
  if (!purchases.converged) {
    return fallback("The BG/NBD fit did not converge on this store's orders.")
  }

  // The profile keeps net spend and an orders count, not each order's value,
  // so Gamma-Gamma sees each buyer's mean over all their orders, the first
  // included, and x is the orders count (not BG/NBD's repeat count).
  const spenders = sample.filter((buyer) => buyer.monetary > 0)
  const spend = spenders.length
    ? fitGammaGamma(spenders.map((buyer) => ({ x: buyer.orders, mean: buyer.monetary / buyer.orders })))
    : null
  // Gamma-Gamma's mean needs q > 1; without it spend per order falls back to
  // average order values rather than a model without a finite mean.
  const spendUsable = spend !== null && spend.converged && spend.params.q > 1
  return {
    model: "bg_nbd",
    reason:
      `BG/NBD fitted on ${sample.length < store.buyers ? `an even sample of ${sample.length.toLocaleString("en-US")} of ` : ""}` +
      `${plural(store.buyers, "buyer")}, ${store.repeat_buyers.toLocaleString("en-US")} with a repeat order` +
      (spendUsable ? "; spend per order from a Gamma-Gamma model." : "; spend per order from average order values."),
    bg_nbd: purchases.params,
    gamma_gamma: spendUsable ? spend!.params : null,
    store,
    decay_gaps: decayGaps,
  }
}

/*
 * Next order: under BG/NBD a customer still buying orders as a Poisson
 * process, whose wait from any moment is exponential with mean 1 / rate, so
 * the time since the last order does not shorten it. The rate used is the
 * expected orders over the horizon divided by its length, which already
 * discounts for the chance the customer has stopped. The wait is at least one
 * day (a rate cannot promise an order today), and beyond the horizon there is
 * no date: the model expects less than one order in it.
 */
function nextOrderAt(expectedOrders: number, horizonDays: number, now: Date): Date | null {
  if (!(expectedOrders > 0)) {
    return null
  }
  const waitDays = horizonDays / expectedOrders
  if (waitDays > horizonDays) {
    return null
  }
  return new Date(now.getTime() + Math.max(1, waitDays) * DAY_MS)
}

function spendPerOrder(model: PredictionModel, customer: PurchaseHistory): number {
  if (!model.gamma_gamma) {
    return fallbackOrderValue(customer, model.store)
  }
  // A buyer refunded to nothing has no usable spend of their own; the
  // population mean is the model's answer for someone it knows nothing about.
  return customer.monetary > 0
    ? expectedAverageValue(model.gamma_gamma, customer.orders, customer.monetary / customer.orders)
    : populationAverageValue(model.gamma_gamma)
}

/**
 * One buyer's predictions over the horizon; null for a contact without an
 * order. A BG/NBD number that cannot be computed (a series that does not
 * converge for extreme parameters) falls back to the median-gap estimate for
 * that buyer alone, and the prediction says so in `model`.
 */
export function predictCustomer(
  model: PredictionModel,
  customer: PurchaseHistory,
  options: { now: Date; horizonDays?: number }
): CustomerPrediction | null {
  if (!isBuyer(customer)) {
    return null
  }
  const { now } = options
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS
  let kind: PredictionModelKind = "median_gap"
  let expectedOrders = NaN
  let alive = NaN
  let orderValue = NaN
  if (model.bg_nbd) {
    const history = toBgNbdCustomer(customer, now)
    expectedOrders = expectedPurchases(model.bg_nbd, horizonDays, history)
    alive = probabilityAlive(model.bg_nbd, history)
    orderValue = spendPerOrder(model, customer)
    kind = "bg_nbd"
  }
  if (![expectedOrders, alive, orderValue].every(Number.isFinite)) {
    const estimate = medianGapPrediction(customer, model.store, now, horizonDays, model.decay_gaps)
    expectedOrders = estimate.expected_orders
    alive = estimate.probability_alive
    orderValue = estimate.order_value
    kind = "median_gap"
  }
  return {
    id: customer.id,
    model: kind,
    horizon_days: horizonDays,
    expected_orders: expectedOrders,
    expected_value: Math.max(0, expectedOrders * orderValue),
    probability_alive: alive,
    churn_risk: 1 - alive,
    next_order_expected_at: nextOrderAt(expectedOrders, horizonDays, now),
  }
}

/**
 * Fits on the whole population and predicts every buyer (non-buyers get
 * null), saying which model was used and why.
 */
export function predict(
  customers: PurchaseHistory[],
  now: Date,
  options: PredictionOptions = {}
): {
  model: PredictionModelKind
  reason: string
  fitted: PredictionModel
  predictions: { id: string; prediction: CustomerPrediction | null }[]
} {
  const fitted = fitPredictionModel(customers, now, options)
  return {
    model: fitted.model,
    reason: fitted.reason,
    fitted,
    predictions: customers.map((customer) => ({
      id: customer.id,
      prediction: predictCustomer(fitted, customer, { now, horizonDays: options.horizonDays }),
    })),
  }
}

/** Sentences for the admin on a buyer's predicted orders, value and churn risk. */
export function explainPrediction(
  prediction: CustomerPrediction | null,
  customer: PurchaseHistory,
  model: PredictionModel,
  now: Date,
  options: { currencyCode?: string | null } = {}
): string[] {
  if (!prediction) {
    return ["No prediction: the contact has no order yet."]
  }
  const horizon = plural(prediction.horizon_days, "day")
  const silent = daysAgo(daysBetween(customer.last_order_at!, now))
  const orders = formatNumber(prediction.expected_orders)
  const lines = [
    `Expected ${orders} ${orders === "1" ? "order" : "orders"} worth ${formatAmount(prediction.expected_value, options.currencyCode)} in the next ${horizon}.`,
  ]
  const chance = `${formatPercent(prediction.probability_alive)} chance the customer still buys (churn risk ${formatPercent(prediction.churn_risk)})`
  if (prediction.model === "bg_nbd") {
    lines.push(
      customer.orders >= 2
        ? `${chance}: ${plural(customer.orders, "order")} in ${plural(Math.round(daysBetween(customer.first_order_at!, customer.last_order_at!)), "day")}, the last ${silent}.`
        : `One order so far, ${silent}: BG/NBD lets a customer lapse only after a repeat order, so the churn risk is 0% and instead the expected orders fall as time passes without a second one.`
    )
  } else {
    lines.push(
      `${chance}: last order ${silent}, against a typical ${plural(Math.round(model.store.median_gap_days), "day")} between orders in this store.`
    )
  }
  lines.push(
    prediction.next_order_expected_at
      ? `Next order expected around ${prediction.next_order_expected_at.toISOString().slice(0, 10)}.`
      : `No order expected within the next ${horizon}.`
  )
  lines.push(
    prediction.model === "bg_nbd"
      ? `Model: ${model.reason}`
      : model.model === "bg_nbd"
        ? "Model: the store's median gap between orders (the BG/NBD numbers could not be computed for this customer)."
        : `Model: the store's median gap between orders, because ${lowerFirst(model.reason)}`
  )
  return lines
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text)
