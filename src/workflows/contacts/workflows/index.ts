export * from "./erase-customer-contacts"
export * from "./subscribe-contact"
export * from "./sync-customer-contacts"
export * from "./upsert-contacts"
