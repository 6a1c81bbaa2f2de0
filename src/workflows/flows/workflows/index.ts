export * from "./flow-workflows"
