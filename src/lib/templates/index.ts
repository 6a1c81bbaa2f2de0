export * from "./liquid"
export * from "./mjml"
export * from "./renderer"
export * from "./text"
