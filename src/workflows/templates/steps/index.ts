export * from "./create-template"
export * from "./create-template-version"
export * from "./update-template"
export * from "./validate-template-content"
