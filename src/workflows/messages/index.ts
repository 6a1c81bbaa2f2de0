export * from "./dispatch-due-messages"
