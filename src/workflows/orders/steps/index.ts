export * from "./load-orders"
export * from "./load-payment-refunds"
