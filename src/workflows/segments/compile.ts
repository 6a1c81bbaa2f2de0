import { MedusaError } from "@medusajs/framework/utils"
import {
  compileToSql,
  detectCycle,
  findSegmentReferences,
  parseSegmentRule,
  Rule,
  toKnexBindings,
} from "../../lib/segments"

/**
 * A rule compiled for the module's knex: a boolean expression over alias
 * `c`, and whether it reads only the contact's row (see `CompiledSql`).
 * `wholePopulation` when the statement matches every contact at once (see
 * `CompileOptions`).
 */
export function compileSegmentRule(
  rule: Rule,
  now: Date,
  options: { wholePopulation?: boolean } = {}
): { sql: string; bindings: unknown[]; rowOnly: boolean } {
  const { sql, params, rowOnly } = compileToSql(rule, { now, ...options })
  return { ...toKnexBindings(sql, params), rowOnly }
}

/**
 * Parses a segment's rules, refusing bad input with a 400 that names the
 * node, a reference to a segment that does not exist, and a reference cycle.
 */
export function assertValidSegmentRules(
  json: unknown,
  context: { segmentId?: string; rulesById: Map<string, Rule> }
): Rule {
  const parsed = parseSegmentRule(json)
  if (!parsed.ok) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `rules${parsed.error.path ? `.${parsed.error.path}`.replace(".[", "[") : ""}: ${parsed.error.message}`
    )
  }
  for (const id of findSegmentReferences(parsed.rule)) {
    if (id !== context.segmentId && !context.rulesById.has(id)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `rules: segment ${id} does not exist`)
    }
  }
  const id = context.segmentId ?? "(new segment)"
  const graph = new Map(context.rulesById)
  graph.set(id, parsed.rule)
  const cycle = detectCycle(id, graph)
  if (cycle) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `rules: segments would depend on themselves (${cycle.join(" → ")})`
    )
  }
  return parsed.rule
}
