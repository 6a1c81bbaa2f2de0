import { model } from "@medusajs/framework/utils"

export const FLOW_STATUSES = ["draft", "active", "paused", "archived"] as const

/**
 * An automated flow. `definition` is what the builder edits; activating
 * publishes it as a new `FlowVersion`, and runs keep the version they
 * started on. The active version's trigger is copied here so an event finds
 * its flows with one indexed read.
 */
const Flow = model
  .define({ name: "Flow", tableName: "marketing_flow" }, {
    id: model.id({ prefix: "mkt_flw" }).primaryKey(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    status: model.enum([...FLOW_STATUSES]).default("draft"),
    definition: model.json(),
    active_version_id: model.text().nullable(),
    trigger_type: model.text().nullable(),
    trigger_event: model.text().nullable(),
    /** Set on flows installed from a playbook, so installing twice adds nothing. */
    playbook_key: model.text().nullable(),
    activated_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["status", "trigger_event"], where: "deleted_at IS NULL" },
    { on: ["playbook_key"], unique: true, where: "deleted_at IS NULL AND playbook_key IS NOT NULL" },
  ])

export default Flow
