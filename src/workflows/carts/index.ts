export * from "./steps"
export * from "./sweep-abandoned-carts"
export * from "./workflows"
