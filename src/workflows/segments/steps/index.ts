export * from "./segment-steps"
export * from "./customer-group-steps"
export * from "./membership-events-step"
export * from "./refresh-contacts-step"
