export const BACKFILL_JOB_KEY = "backfill"
