export * from "./create-template"
export * from "./update-template"
