export * from "./attribute-orders"
export * from "./load-attribution-orders"
export * from "./load-refunded-payment-orders"
export * from "./set-conversion-outcomes"
