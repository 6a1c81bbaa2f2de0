export * from "./segment-steps"
export * from "./customer-group-steps"
export * from "./membership-events-step"
