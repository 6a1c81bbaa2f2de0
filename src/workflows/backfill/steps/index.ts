export * from "./read-backfill-page"
