import { model } from "@medusajs/framework/utils"

export const FLOW_STEP_OUTCOMES = ["entered", "executed", "skipped", "failed"] as const

/**
 * What happened at each step of each run, one row per visit. For action
 * steps `key` is the effect's idempotency key (run, step, visit): its
 * unique index is what makes an effect happen once across workers and
 * crashes, and `result` keeps what the effect produced (a message id, a
 * discount code) for the steps after it. Per-step numbers are counted here.
 */
const FlowStepLog = model
  .define({ name: "FlowStepLog", tableName: "marketing_flow_step_log" }, {
    id: model.id({ prefix: "mkt_fsl" }).primaryKey(),
    run_id: model.text(),
    flow_id: model.text(),
    step_id: model.text(),
    step_type: model.text(),
    key: model.text(),
    outcome: model.enum([...FLOW_STEP_OUTCOMES]).default("entered"),
    result: model.json().nullable(),
    error: model.text().nullable(),
    occurred_at: model.dateTime(),
  })
  .indexes([
    { on: ["key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["flow_id", "step_id", "outcome"], where: "deleted_at IS NULL" },
    { on: ["run_id"], where: "deleted_at IS NULL" },
  ])

export default FlowStepLog
