export * from "./backfill-page"
export * from "./request-backfill"
