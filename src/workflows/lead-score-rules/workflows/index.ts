export * from "./create-lead-score-rule"
export * from "./delete-lead-score-rule"
export * from "./update-lead-score-rule"
