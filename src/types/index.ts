export * from "./cart"
export * from "./contact"
export * from "./events"
export * from "./message"
