export * from "./segment-steps"
export * from "./customer-group-steps"
