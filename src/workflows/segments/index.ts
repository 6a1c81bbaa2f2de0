export * from "./compile"
export * from "./steps"
export * from "./workflows"
export * from "./contacts-changed"
