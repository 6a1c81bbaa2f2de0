/**
 * Errors a caller can tell apart and map to its own (a route to a 400, a
 * workflow step to a failure). The engine imports nothing from Medusa, so it
 * cannot throw MedusaError itself.
 */

/** A rule that validation would have refused reached an evaluator; parse it with `parseSegmentRule` first. */
export class InvalidSegmentRuleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "InvalidSegmentRuleError"
  }
}

/** The engine was called without what it needs: rows for a behaviour condition, a parameter for a placeholder. */
export class SegmentUsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "SegmentUsageError"
  }
}
