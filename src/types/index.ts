export * from "./contact"
