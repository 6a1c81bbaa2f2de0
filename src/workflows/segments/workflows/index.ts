export * from "./segment-workflows"
