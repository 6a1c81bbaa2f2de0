import { model } from "@medusajs/framework/utils"

/** A published, immutable flow definition; runs point at the version they started on. */
const FlowVersion = model
  .define({ name: "FlowVersion", tableName: "marketing_flow_version" }, {
    id: model.id({ prefix: "mkt_flv" }).primaryKey(),
    flow_id: model.text(),
    version: model.number(),
    definition: model.json(),
  })
  .indexes([{ on: ["flow_id", "version"], unique: true, where: "deleted_at IS NULL" }])

export default FlowVersion
