export * from "./job-state"
