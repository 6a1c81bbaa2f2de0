export * from "./ab-test"
export * from "./results"
export * from "./schedule"
export * from "./send-plan"
