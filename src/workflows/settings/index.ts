export * from "./update-settings"
export * from "./suppression"
export * from "./read-settings"
