import { model } from "@medusajs/framework/utils"

export const FLOW_RUN_STATUSES = ["active", "waiting", "completed", "exited", "failed"] as const

/**
 * One contact's pass through a flow. `entry_key` is what started it (the
 * cart id for an abandoned cart, the order id after a purchase), and is
 * unique per flow and contact, so a redelivered event cannot start a second
 * run. `state` is the flow machine's; `wake_at` is when the job next acts
 * on it. A worker holds a run by its lease while it advances it.
 */
const FlowRun = model
  .define({ name: "FlowRun", tableName: "marketing_flow_run" }, {
    id: model.id({ prefix: "mkt_frn" }).primaryKey(),
    flow_id: model.text(),
    flow_version_id: model.text(),
    contact_id: model.text(),
    entry_key: model.text(),
    status: model.enum([...FLOW_RUN_STATUSES]).default("active"),
    /** Kept as a control group: the run records the entry and conversion but acts on nothing. */
    holdout: model.boolean().default(false),
    state: model.json(),
    current_step: model.text().nullable(),
    wake_at: model.dateTime().nullable(),
    trigger_data: model.json().nullable(),
    /**
     * Events for this run not yet applied, oldest first. An event is appended
     * here whatever the run is doing (even while a worker holds it), so none
     * is lost; the worker applies them before anything else and removes them.
     */
    inbox: model.json().default([] as unknown as Record<string, unknown>),
    entered_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    exit_reason: model.text().nullable(),
    last_error: model.text().nullable(),
    failures: model.number().default(0),
    lease_until: model.dateTime().nullable(),
    claim_token: model.text().nullable(),
    converted_at: model.dateTime().nullable(),
    conversion_order_id: model.text().nullable(),
  })
  .indexes([
    { on: ["flow_id", "contact_id", "entry_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["wake_at"], where: "deleted_at IS NULL AND status IN ('active', 'waiting')" },
    { on: ["contact_id", "status"], where: "deleted_at IS NULL" },
    { on: ["flow_id", "status"], where: "deleted_at IS NULL" },
  ])

export default FlowRun
