export * from "./record-message-events"
export * from "./set-unsubscribed-topics"
export * from "./queue-confirmation"
