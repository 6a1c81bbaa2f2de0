export * from "./attribute-orders"
export * from "./sync-conversion-outcomes"
export * from "./sync-refunded-conversions"
