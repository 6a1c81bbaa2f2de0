export * from "./build-template-data"
export * from "./latest-activity"
export * from "./recommend-products"
