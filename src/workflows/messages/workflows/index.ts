export * from "./record-message-events"
export * from "./update-email-preferences"
