import { model } from "@medusajs/framework/utils"

/**
 * Durable progress of long-running or periodic work (the abandoned-cart sweep
 * watermark, the backfill cursor), so it resumes where it stopped after a
 * crash or downtime instead of starting over.
 */
const JobState = model.define({ name: "JobState", tableName: "marketing_job_state" }, {
  id: model.id({ prefix: "mkt_job" }).primaryKey(),
  key: model.text().unique(),
  status: model.enum(["idle", "running", "completed", "failed"]).default("idle"),
  cursor: model.json().nullable(),
  progress: model.json().nullable(),
  error: model.text().nullable(),
  started_at: model.dateTime().nullable(),
  finished_at: model.dateTime().nullable(),
})

export default JobState
