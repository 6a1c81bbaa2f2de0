export * from "./refresh-scores"
export * from "./score-contacts"
export * from "./request-scores-refresh"
export * from "./contact-scoring"
