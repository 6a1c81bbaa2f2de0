export * from "./guardrails"
export * from "./quiet-hours"
export * from "./rate-limiter"
export * from "./retry-policy"
