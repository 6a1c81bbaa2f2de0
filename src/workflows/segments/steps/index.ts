export * from "./segment-steps"
