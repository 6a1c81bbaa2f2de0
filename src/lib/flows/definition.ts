// The engine stays free of Medusa imports; this is the same zod v4 instance `@medusajs/framework/zod` re-exports.
// eslint-disable-next-line @medusajs/zod-import-source
import { z } from "zod"
import { getField, SEGMENT_FIELD_NAMES } from "../segments/fields"
import { formatPath, parseSegmentRule, type Rule } from "../segments/schema"
import { DATA_OPERATORS, type DataCondition, type EventMatch } from "./data-conditions"
import { EVENT_NAME_PATTERN, FlowStepRegistry } from "./registry"
import {
  BUILTIN_STEP_TYPES,
  isBuiltinStepType,
  isCustomStepType,
  MAX_STEPS,
  STEP_ID_PATTERN,
  type CustomStepType,
} from "./step-types"

/**
 * The flow definition language: the JSON a flow version stores, validated
 * here before any run reads it. Objects are strict, so a misspelt key is an
 * error instead of a setting silently ignored, and every error names the
 * step it is in (`steps.reminder_2.template_id`).
 */

const STEP_ID_MESSAGE = "step ids are 1 to 64 characters of a-z, 0-9, _ and -"
export const StepIdSchema = z.string().regex(STEP_ID_PATTERN, STEP_ID_MESSAGE)

const EventName = z
  .string()
  .max(200)
  .regex(EVENT_NAME_PATTERN, 'must be an event name such as "order.placed"')

const DATA_PATH_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,9}$/
const DataPath = z
  .string()
  .max(200)
  .regex(DATA_PATH_PATTERN, 'must be a dotted path of up to 10 keys, such as "cart_id" or "items.0.product_id"')

const Id = z.string().min(1, "must not be empty").max(200)
const Label = z.string().max(200)
const MAX_CONDITIONS = 20

export const DURATION_UNITS = ["minutes", "hours", "days", "weeks"] as const
export type DurationUnit = (typeof DURATION_UNITS)[number]

export const UNIT_MS: Record<DurationUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
}

/** Longer waits belong in a date trigger; the bound also keeps every wake time a safe integer. */
export const MAX_WAIT_DAYS = 365

export const DurationSchema = z
  .strictObject({ amount: z.int().min(1), unit: z.enum(DURATION_UNITS) })
  .superRefine((duration, ctx) => {
    const max = Math.floor((MAX_WAIT_DAYS * UNIT_MS.days) / UNIT_MS[duration.unit])
    if (duration.amount > max) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: `at most ${max} ${duration.unit} (${MAX_WAIT_DAYS} days)` })
    }
  })
export type Duration = z.infer<typeof DurationSchema>

const Scalar = z.union([z.string().max(1_000), z.number(), z.boolean(), z.null()], {
  error: "must be a string, a number, true, false or null",
})

export const DataConditionSchema = z
  .strictObject({ path: DataPath, operator: z.enum(DATA_OPERATORS), value: z.unknown().optional() })
  .superRefine((condition, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message })
    const { operator, value } = condition
    if (operator === "exists") {
      if (value !== undefined) issue('operator "exists" takes no value')
      return
    }
    if (value === undefined) {
      issue(`operator "${operator}" needs a value`)
      return
    }
    if (operator === "in") {
      if (!Array.isArray(value) || value.length === 0 || value.length > 1_000) {
        issue('operator "in" needs a list of 1 to 1000 values')
      } else if (!value.every((item) => Scalar.safeParse(item).success)) {
        issue('operator "in" compares strings, numbers, true, false or null')
      }
      return
    }
    if (operator === "eq" || operator === "neq") {
      if (!Scalar.safeParse(value).success) issue(`operator "${operator}" compares a string, a number, true, false or null`)
      return
    }
    const ordered = (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && value.length <= 1_000)
    if (!ordered) issue(`operator "${operator}" compares a number, or a string such as an ISO date`)
  })
  .transform((condition) => condition as DataCondition)

const DataConditions = z.array(DataConditionSchema).min(1).max(MAX_CONDITIONS)

export const EventMatchSchema = z
  .strictObject({
    same: z.strictObject({ trigger: DataPath, event: DataPath }).optional(),
    data: DataConditions.optional(),
  })
  .refine((match) => match.same !== undefined || match.data !== undefined, {
    message: "give same, data or both; leave match out to accept every event of that name",
  })
  .transform((match) => match as EventMatch)

/**
 * A segment rule inside a flow, reported with the segment parser's own
 * messages ("rules[1].operator") under the step that holds it.
 */
const SegmentRuleField = z.unknown().transform((json, ctx): Rule => {
  const result = parseSegmentRule(json)
  if (!result.ok) {
    ctx.addIssue({ code: "custom", path: result.error.path ? [result.error.path] : [], message: result.error.message })
    return z.NEVER
  }
  return result.rule
})

const DATE_FIELDS = SEGMENT_FIELD_NAMES.filter((name) => getField(name)?.type === "date")

export const EventTriggerSchema = z.strictObject({
  type: z.literal("event"),
  event: EventName,
  filter: z
    .strictObject({ contact: SegmentRuleField.optional(), data: DataConditions.optional() })
    .optional(),
})

export const DateTriggerSchema = z.strictObject({
  type: z.literal("date"),
  field: z.string().refine((field) => getField(field)?.type === "date", {
    message: `must be a date field: ${DATE_FIELDS.join(", ")}`,
  }),
  /** Days after (or, negative, before) the date: -7 with `annual` is a week before the birthday. */
  offset_days: z.int().min(-365).max(365),
  /** Every year on the anniversary (birthdays), or once. */
  annual: z.boolean(),
  /** Local hour of the contact's time zone; see `DEFAULT_TRIGGER_HOUR`. */
  hour: z.int().min(0).max(23).optional(),
})

export const InactivityTriggerSchema = z.strictObject({
  type: z.literal("inactivity"),
  /** Days since the contact's last order. */
  days: z.int().min(1).max(3_650),
})

export const TRIGGER_TYPES = ["event", "date", "inactivity"] as const

export const TriggerSchema = z.discriminatedUnion("type", [EventTriggerSchema, DateTriggerSchema, InactivityTriggerSchema])

export const ReentrySchema = z.union(
  [z.literal("once"), z.literal("every_time"), z.strictObject({ days: z.int().min(1).max(3_650) })],
  { error: 'must be "once", "every_time" or { "days": N } with N from 1 to 3650' }
)

const EventRuleSchema = z.strictObject({ event: EventName, match: EventMatchSchema.optional() })

const next = StepIdSchema.optional()
const label = Label.optional()

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/

export const WaitStepSchema = z.strictObject({ type: z.literal("wait"), label, duration: DurationSchema, next })

export const WaitUntilStepSchema = z.strictObject({
  type: z.literal("wait_until"),
  label,
  /** Local time, "HH:MM" (24 h), in the contact's time zone or else the store's. */
  time: z.string().regex(TIME_OF_DAY, 'must be a time of day "HH:MM" from 00:00 to 23:59'),
  /** ISO weekdays, 1 = Monday … 7 = Sunday; any day when left out. */
  weekdays: z
    .array(z.int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, "must not repeat a weekday")
    .optional(),
  next,
})

export const WaitForEventStepSchema = z.strictObject({
  type: z.literal("wait_for_event"),
  label,
  event: EventName,
  match: EventMatchSchema.optional(),
  timeout: DurationSchema,
  on_event: StepIdSchema,
  on_timeout: StepIdSchema,
})

export const ConditionStepSchema = z
  .strictObject({
    type: z.literal("condition"),
    label,
    /** Over the contact, in the segment rule language. */
    rule: SegmentRuleField.optional(),
    /** Over the payload of the event that started the run. */
    data: DataConditions.optional(),
    yes: StepIdSchema,
    no: StepIdSchema,
  })
  .refine((step) => step.rule !== undefined || step.data !== undefined, {
    message: "a condition needs a rule, data conditions or both",
    path: ["rule"],
  })

export const SplitStepSchema = z.strictObject({
  type: z.literal("split"),
  label,
  branches: z
    .array(z.strictObject({ percent: z.int().min(0).max(100), next: StepIdSchema, label }))
    .min(2, "a split needs at least 2 branches")
    .max(10, "a split has at most 10 branches")
    .superRefine((branches, ctx) => {
      const total = branches.reduce((sum, branch) => sum + branch.percent, 0)
      if (total !== 100) {
        ctx.addIssue({ code: "custom", message: `branch percentages add up to ${total}; they must add up to 100` })
      }
    }),
})

export const SendEmailStepSchema = z.strictObject({
  type: z.literal("send_email"),
  label,
  template_id: Id,
  /** Order and account messages: sent without marketing consent, outside quiet hours and the frequency cap. */
  transactional: z.boolean().optional(),
  next,
})

export const DiscountStepSchema = z
  .strictObject({
    type: z.literal("discount"),
    label,
    kind: z.enum(["percentage", "amount"]),
    /** Percent off (up to 100), or an amount in the currency's major unit (10 = €10). */
    value: z.number().positive(),
    currency_code: z
      .string()
      .regex(/^[a-z]{3}$/, 'must be a lower-case ISO 4217 code such as "eur"')
      .optional(),
    expires_in_days: z.int().min(1).max(365),
    next,
  })
  .superRefine((step, ctx) => {
    if (step.kind === "percentage" && step.value > 100) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a percentage discount is at most 100" })
    }
    if (step.kind === "amount" && !step.currency_code) {
      ctx.addIssue({ code: "custom", path: ["currency_code"], message: "an amount discount needs a currency_code" })
    }
    if (step.kind === "percentage" && step.currency_code) {
      ctx.addIssue({ code: "custom", path: ["currency_code"], message: "only amount discounts take a currency_code" })
    }
  })

export const CustomerGroupStepSchema = z.strictObject({
  type: z.literal("customer_group"),
  label,
  action: z.enum(["add", "remove"]),
  group_id: Id,
  next,
})

/** Profile fields a flow may write; everything else is computed from the contact's activity. */
export const UPDATABLE_CONTACT_FIELDS = ["first_name", "last_name", "phone", "locale", "timezone", "birth_date"] as const
const METADATA_FIELD = /^metadata\.[A-Za-z0-9_-]{1,64}$/

const SetFieldSchema = z.strictObject({ field: z.string(), value: Scalar }).superRefine((set, ctx) => {
  if (METADATA_FIELD.test(set.field)) {
    return
  }
  if (!(UPDATABLE_CONTACT_FIELDS as readonly string[]).includes(set.field)) {
    ctx.addIssue({
      code: "custom",
      path: ["field"],
      message: `must be one of ${UPDATABLE_CONTACT_FIELDS.join(", ")}, or "metadata.<key>"`,
    })
    return
  }
  if (set.value !== null && typeof set.value !== "string") {
    ctx.addIssue({ code: "custom", path: ["value"], message: `${set.field} takes a string or null` })
    return
  }
  if (set.field === "birth_date" && set.value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(set.value)) {
    ctx.addIssue({ code: "custom", path: ["value"], message: 'birth_date is a date "YYYY-MM-DD"' })
  }
})

export const UpdateContactStepSchema = z
  .strictObject({
    type: z.literal("update_contact"),
    label,
    set: SetFieldSchema.optional(),
    /** Added to the contact's lead score; negative takes points away. */
    lead_points: z.int().min(-10_000).max(10_000).optional(),
    next,
  })
  .refine((step) => step.set !== undefined || step.lead_points !== undefined, {
    message: "update_contact needs set, lead_points or both",
    path: ["set"],
  })

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

/** Plain http would expose contacts' data in transit; it is allowed only to reach a service on the same machine. */
function webhookUrlIssue(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "must be an absolute URL"
  }
  if (url.protocol === "https:") return null
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return null
  return "must use https (http only for localhost)"
}

export const WebhookStepSchema = z.strictObject({
  type: z.literal("webhook"),
  label,
  url: z
    .string()
    .max(2_000)
    .superRefine((value, ctx) => {
      const message = webhookUrlIssue(value)
      if (message) ctx.addIssue({ code: "custom", message })
    }),
  next,
})

export const ExitStepSchema = z.strictObject({ type: z.literal("exit"), label })

const CustomStepEnvelope = z.strictObject({ type: z.string(), label, config: z.unknown(), next })

export type WaitStep = z.infer<typeof WaitStepSchema>
export type WaitUntilStep = z.infer<typeof WaitUntilStepSchema>
export type WaitForEventStep = z.infer<typeof WaitForEventStepSchema>
export type ConditionStep = z.infer<typeof ConditionStepSchema>
export type SplitStep = z.infer<typeof SplitStepSchema>
export type SendEmailStep = z.infer<typeof SendEmailStepSchema>
export type DiscountStep = z.infer<typeof DiscountStepSchema>
export type CustomerGroupStep = z.infer<typeof CustomerGroupStepSchema>
export type UpdateContactStep = z.infer<typeof UpdateContactStepSchema>
export type WebhookStep = z.infer<typeof WebhookStepSchema>
export type ExitStep = z.infer<typeof ExitStepSchema>
/** A step of a type registered with `defineFlowStep`; `config` is its schema's output. */
export type CustomStep = { type: CustomStepType; label?: string; config: unknown; next?: string }

export type FlowStep =
  | WaitStep
  | WaitUntilStep
  | WaitForEventStep
  | ConditionStep
  | SplitStep
  | SendEmailStep
  | DiscountStep
  | CustomerGroupStep
  | UpdateContactStep
  | WebhookStep
  | ExitStep
  | CustomStep

export type ActionStep = SendEmailStep | DiscountStep | CustomerGroupStep | UpdateContactStep | WebhookStep | CustomStep

const BUILTIN_STEP_SCHEMAS: Record<string, z.ZodType> = {
  wait: WaitStepSchema,
  wait_until: WaitUntilStepSchema,
  wait_for_event: WaitForEventStepSchema,
  condition: ConditionStepSchema,
  split: SplitStepSchema,
  send_email: SendEmailStepSchema,
  discount: DiscountStepSchema,
  customer_group: CustomerGroupStepSchema,
  update_contact: UpdateContactStepSchema,
  webhook: WebhookStepSchema,
  exit: ExitStepSchema,
}

export type FlowIssue = { path: string; message: string }

type IssueAt = { path: PropertyKey[]; message: string }

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "a list",
}

/** A zod issue as a path and a sentence a merchant can act on. */
function describe(issue: z.core.$ZodIssue): IssueAt {
  if (issue.code === "unrecognized_keys") {
    return {
      path: [...issue.path, issue.keys[0]],
      message: `unknown property${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`,
    }
  }
  if (issue.code === "invalid_union" && issue.path[issue.path.length - 1] === "type") {
    return { path: issue.path, message: `unknown trigger type; use one of: ${TRIGGER_TYPES.join(", ")}` }
  }
  if (issue.code === "invalid_type") {
    // zod phrases a missing key as an invalid type "received undefined".
    if (/received undefined$/.test(issue.message)) {
      return { path: issue.path, message: "is required" }
    }
    return { path: issue.path, message: `must be ${EXPECTED[issue.expected] ?? `of type ${issue.expected}`}` }
  }
  if (issue.code === "invalid_key") {
    return { path: issue.path, message: issue.issues[0]?.message ?? STEP_ID_MESSAGE }
  }
  return { path: issue.path, message: issue.message }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/**
 * One step, checked by the schema of its type: built-in types by theirs,
 * registered types by the envelope and then their own config schema.
 */
function stepSchema(registry: FlowStepRegistry) {
  return z.unknown().transform((json, ctx): FlowStep => {
    const fail = (issues: IssueAt[]) => {
      for (const issue of issues) {
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message })
      }
      return z.NEVER
    }
    if (!isRecord(json)) {
      return fail([{ path: [], message: "a step is an object with a type" }])
    }
    const type = json.type
    const known = `use one of: ${BUILTIN_STEP_TYPES.join(", ")}, or a registered type such as "acme.sms"`
    if (typeof type !== "string") {
      return fail([{ path: ["type"], message: `a step needs a type; ${known}` }])
    }
    if (isBuiltinStepType(type)) {
      const result = BUILTIN_STEP_SCHEMAS[type].safeParse(json)
      return result.success ? (result.data as FlowStep) : fail(result.error.issues.map(describe))
    }
    if (!isCustomStepType(type) || !registry.get(type)) {
      const hint = isCustomStepType(type) ? "register it with defineFlowStep, or " : ""
      return fail([{ path: ["type"], message: `unknown step type "${type}"; ${hint}${known}` }])
    }
    const envelope = CustomStepEnvelope.safeParse(json)
    if (!envelope.success) {
      return fail(envelope.error.issues.map(describe))
    }
    const config = registry.parseConfig(type, envelope.data.config)
    if (!config.ok) {
      return fail(config.issues.map(describe).map((issue) => ({ ...issue, path: ["config", ...issue.path] })))
    }
    return { ...envelope.data, type, config: config.config }
  })
}

/**
 * The whole definition. Its size is checked before the structure, so an
 * enormous document is refused before anything walks it.
 */
export function flowDefinitionSchema(registry: FlowStepRegistry = new FlowStepRegistry()) {
  return z
    .unknown()
    .superRefine((json, ctx) => {
      const steps = isRecord(json) ? json.steps : undefined
      if (isRecord(steps) && Object.keys(steps).length > MAX_STEPS) {
        ctx.addIssue({ code: "custom", path: ["steps"], message: `a flow has at most ${MAX_STEPS} steps` })
      }
    })
    .pipe(
      z.strictObject({
        trigger: TriggerSchema,
        reentry: ReentrySchema.default("once"),
        /** Counted as a conversion when it happens during a run; an order, usually. */
        goal: EventRuleSchema.optional(),
        /** Any of these ends the run at once, whatever it was doing. */
        exit_on: z.array(EventRuleSchema).max(MAX_CONDITIONS).optional(),
        /** Contacts kept out of the flow at random, to measure what it changes. */
        holdout_percent: z.number().min(0).max(50).optional(),
        entry: StepIdSchema,
        steps: z
          .record(StepIdSchema, stepSchema(registry))
          .refine((steps) => Object.keys(steps).length > 0, "a flow needs at least one step"),
      })
    )
}

export type Trigger = z.infer<typeof TriggerSchema>
export type EventTrigger = z.infer<typeof EventTriggerSchema>
export type DateTrigger = z.infer<typeof DateTriggerSchema>
export type InactivityTrigger = z.infer<typeof InactivityTriggerSchema>
export type Reentry = z.infer<typeof ReentrySchema>
export type EventRule = z.infer<typeof EventRuleSchema>

export type FlowDefinition = {
  trigger: Trigger
  reentry: Reentry
  goal?: EventRule
  exit_on?: EventRule[]
  holdout_percent?: number
  entry: string
  steps: Record<string, FlowStep>
}

/** Flows using only built-in step types; route validators use it as is. */
export const FlowDefinitionSchema = flowDefinitionSchema()

export type FlowDefinitionParseResult = { ok: true; definition: FlowDefinition } | { ok: false; error: FlowIssue }

/**
 * Validates a flow definition from JSON: its shape, every step by its
 * type, and custom steps' config by the schema they were registered with.
 * On failure the error names the first bad place in document order, e.g.
 * `{ path: "steps.reminder_2.template_id", message: "must not be empty" }`.
 * The graph (dangling ids, unreachable steps, loops) is `validateFlow`'s.
 *
 * @example
 * const parsed = parseFlowDefinition(body.definition, { registry })
 * if (!parsed.ok) {
 *   throw new MedusaError(MedusaError.Types.INVALID_DATA, `${parsed.error.path}: ${parsed.error.message}`)
 * }
 */
export function parseFlowDefinition(
  json: unknown,
  options: { registry?: FlowStepRegistry } = {}
): FlowDefinitionParseResult {
  const schema = options.registry ? flowDefinitionSchema(options.registry) : FlowDefinitionSchema
  const result = schema.safeParse(json)
  if (result.success) {
    return { ok: true, definition: result.data as FlowDefinition }
  }
  const issue = describe(result.error.issues[0])
  return { ok: false, error: { path: formatPath(issue.path), message: issue.message } }
}

/** A step's link to the step after it, with the key path of the link inside the step. */
export type StepLink = { path: (string | number)[]; target: string }

/** The steps a step can go to next, in the order the builder shows them. */
export function stepLinks(step: FlowStep): StepLink[] {
  switch (step.type) {
    case "wait_for_event":
      return [
        { path: ["on_event"], target: step.on_event },
        { path: ["on_timeout"], target: step.on_timeout },
      ]
    case "condition":
      return [
        { path: ["yes"], target: step.yes },
        { path: ["no"], target: step.no },
      ]
    case "split":
      return step.branches.map((branch, index) => ({ path: ["branches", index, "next"], target: branch.next }))
    case "exit":
      return []
    default:
      return "next" in step && step.next !== undefined ? [{ path: ["next"], target: step.next }] : []
  }
}
