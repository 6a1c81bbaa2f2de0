export * from "./constants"
export * from "./run-backfill"
export * from "./steps"
export * from "./workflows"
