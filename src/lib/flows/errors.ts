/**
 * A mistake in code that uses the engine, not in a merchant's flow: a step
 * type registered twice or without a namespace, an invalid time zone or
 * time of day passed in. Merchants' mistakes come back as parse and
 * validation issues instead. The engine imports nothing from Medusa, so a
 * caller maps this to its own error if it needs to.
 */
export class FlowUsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "FlowUsageError"
  }
}
