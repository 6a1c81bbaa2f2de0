export * from "./assert-valid-content"
export * from "./steps"
export * from "./types"
export * from "./workflows"
