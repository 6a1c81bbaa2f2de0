import {
  LEAD_SCORE_OPERATORS,
  LeadScoreOperator,
  LeadScorePropertyCondition,
  LeadScoreRule,
} from "./lead-score"

/** One problem with a rule, `path` naming the field ("rules[2].when.property.operator"). */
export type LeadScoreRuleIssue = { path: string; message: string }

export type LeadScoreRulesValidation =
  | { ok: true; rules: LeadScoreRule[] }
  | { ok: false; issues: LeadScoreRuleIssue[] }

export class LeadScoreRuleError extends Error {
  constructor(readonly issues: LeadScoreRuleIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "))
    this.name = "LeadScoreRuleError"
  }
}

const NUMERIC_OPERATORS: readonly LeadScoreOperator[] = ["gt", "gte", "lt", "lte"]

type Issues = LeadScoreRuleIssue[]

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isBlank = (value: unknown) => value === undefined || value === null

function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value)
  }
  if (Array.isArray(value)) {
    return "a list"
  }
  if (typeof value === "object") {
    return "an object"
  }
  return typeof value === "string" ? `"${value}"` : String(value)
}

// Unknown keys are errors, as with a strict schema: a misspelt
// "max_time" silently ignored would leave a rule uncapped.
function rejectUnknownKeys(value: Record<string, unknown>, allowed: string[], at: string, issues: Issues) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      issues.push({ path: `${at}.${key}`, message: "is not a known field" })
    }
  }
}

function requireText(value: unknown, at: string, issues: Issues): string | undefined {
  if (typeof value !== "string" || value.trim() === "") {
    issues.push({ path: at, message: `must be non-empty text, got ${describe(value)}` })
    return undefined
  }
  return value
}

function optionalPositiveWholeNumber(value: unknown, at: string, issues: Issues): number | undefined {
  if (isBlank(value)) {
    return undefined
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    issues.push({ path: at, message: `must be a whole number of at least 1, got ${describe(value)}` })
    return undefined
  }
  return value
}

function validateCondition(
  value: unknown,
  at: string,
  issues: Issues
): LeadScorePropertyCondition | undefined {
  if (!isObject(value)) {
    issues.push({ path: at, message: `must be an object with path and operator, got ${describe(value)}` })
    return undefined
  }
  rejectUnknownKeys(value, ["path", "operator", "value"], at, issues)
  const path = requireText(value.path, `${at}.path`, issues)
  if (path !== undefined && path.split(".").some((segment) => segment.trim() === "")) {
    issues.push({ path: `${at}.path`, message: `has an empty segment: "${path}"` })
  }
  const operator = value.operator as LeadScoreOperator
  if (!LEAD_SCORE_OPERATORS.includes(operator)) {
    issues.push({
      path: `${at}.operator`,
      message: `must be one of ${LEAD_SCORE_OPERATORS.join(", ")}, got ${describe(value.operator)}`,
    })
    return undefined
  }
  const expected = value.value
  const valueAt = `${at}.value`
  if (operator === "exists") {
    if (!isBlank(expected) && typeof expected !== "boolean") {
      issues.push({ path: valueAt, message: `must be true, false or absent for exists, got ${describe(expected)}` })
    }
  } else if (NUMERIC_OPERATORS.includes(operator)) {
    if (typeof expected !== "number" || !Number.isFinite(expected)) {
      issues.push({ path: valueAt, message: `must be a number for ${operator}, got ${describe(expected)}` })
    }
  } else if (operator === "contains") {
    if (typeof expected !== "string" || expected === "") {
      issues.push({ path: valueAt, message: `must be non-empty text for contains, got ${describe(expected)}` })
    }
  } else if (
    !["string", "number", "boolean"].includes(typeof expected) ||
    (typeof expected === "number" && !Number.isFinite(expected))
  ) {
    issues.push({ path: valueAt, message: `must be text, a number or true/false for ${operator}, got ${describe(expected)}` })
  }
  const condition: LeadScorePropertyCondition = { path: path ?? "", operator }
  if (!isBlank(expected)) {
    condition.value = expected as LeadScorePropertyCondition["value"]
  }
  return condition
}

/**
 * Problems with one rule, each naming its field under `at`. Null for an
 * optional field means absent, as the rule table stores it.
 */
export function validateLeadScoreRule(input: unknown, at = "rule"): LeadScoreRuleIssue[] {
  return checkRule(input, at).issues
}

function checkRule(input: unknown, at: string): { rule?: LeadScoreRule; issues: Issues } {
  const issues: Issues = []
  if (!isObject(input)) {
    issues.push({ path: at, message: `must be an object, got ${describe(input)}` })
    return { issues }
  }
  rejectUnknownKeys(input, ["id", "name", "points", "when", "expires_after_days", "max_times"], at, issues)
  const id = requireText(input.id, `${at}.id`, issues)
  const name = requireText(input.name, `${at}.name`, issues)
  const points = input.points
  if (typeof points !== "number" || !Number.isInteger(points)) {
    issues.push({ path: `${at}.points`, message: `must be a whole number (negative to subtract), got ${describe(points)}` })
  }
  let when: LeadScoreRule["when"] | undefined
  if (!isObject(input.when)) {
    issues.push({ path: `${at}.when`, message: `must be an object with event_type, got ${describe(input.when)}` })
  } else {
    rejectUnknownKeys(input.when, ["event_type", "property"], `${at}.when`, issues)
    const eventType = requireText(input.when.event_type, `${at}.when.event_type`, issues)
    const property = isBlank(input.when.property)
      ? undefined
      : validateCondition(input.when.property, `${at}.when.property`, issues)
    when = { event_type: eventType ?? "" }
    if (property) {
      when.property = property
    }
  }
  const expires = optionalPositiveWholeNumber(input.expires_after_days, `${at}.expires_after_days`, issues)
  const maxTimes = optionalPositiveWholeNumber(input.max_times, `${at}.max_times`, issues)
  if (issues.length > 0) {
    return { issues }
  }
  const rule: LeadScoreRule = { id: id!, name: name!, points: points as number, when: when! }
  if (expires !== undefined) {
    rule.expires_after_days = expires
  }
  if (maxTimes !== undefined) {
    rule.max_times = maxTimes
  }
  return { rule, issues }
}

/** Validates a list of rules; on success returns them with absent fields dropped. */
export function validateLeadScoreRules(input: unknown): LeadScoreRulesValidation {
  if (!Array.isArray(input)) {
    return { ok: false, issues: [{ path: "rules", message: `must be a list, got ${describe(input)}` }] }
  }
  const issues: Issues = []
  const rules: LeadScoreRule[] = []
  const seen = new Map<string, number>()
  input.forEach((candidate, index) => {
    const at = `rules[${index}]`
    const checked = checkRule(candidate, at)
    issues.push(...checked.issues)
    if (checked.rule) {
      const first = seen.get(checked.rule.id)
      if (first !== undefined) {
        issues.push({ path: `${at}.id`, message: `duplicates rules[${first}].id "${checked.rule.id}"` })
      } else {
        seen.set(checked.rule.id, index)
      }
      rules.push(checked.rule)
    }
  })
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules }
}

/** Like `validateLeadScoreRules`, throwing a LeadScoreRuleError that lists every problem. */
export function parseLeadScoreRules(input: unknown): LeadScoreRule[] {
  const result = validateLeadScoreRules(input)
  if (!result.ok) {
    throw new LeadScoreRuleError(result.issues)
  }
  return result.rules
}

/** One rule, as the admin saves it; throws a LeadScoreRuleError naming each bad field. */
export function parseLeadScoreRule(input: unknown): LeadScoreRule {
  const { rule, issues } = checkRule(input, "rule")
  if (!rule) {
    throw new LeadScoreRuleError(issues)
  }
  return rule
}
