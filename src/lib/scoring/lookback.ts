/** Days of activity the engagement and lead scores look at. */
export const SCORING_LOOKBACK_DAYS = 365

export const SCORING_LOOKBACK_MS = SCORING_LOOKBACK_DAYS * 86_400_000
