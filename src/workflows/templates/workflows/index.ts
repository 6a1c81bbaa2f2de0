export * from "./create-template"
export * from "./delete-template"
export * from "./update-template"
