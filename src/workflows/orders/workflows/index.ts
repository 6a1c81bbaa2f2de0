export * from "./record-order-activity"
export * from "./record-payment-refunds"
