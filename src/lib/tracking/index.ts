export * from "./links"
export * from "./machine-open"
export * from "./tokens"
