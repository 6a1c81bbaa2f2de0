export * from "./refresh-scores"
export * from "./score-contacts"
