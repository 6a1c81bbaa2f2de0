export * from "./flow-steps"
