import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { BACKFILL_JOB_KEY } from "./constants"
import { BackfillPhase } from "./steps"
import { backfillPageWorkflow } from "./workflows"


export type BackfillProgress = { customers: number; orders: number }
type BackfillCursor = { phase: BackfillPhase; after_id: string | null }

/**
 * Imports every existing customer, then every order, page by page. The
 * cursor and counts are saved after each page, so an interrupted or failed
 * backfill resumes where it stopped; a finished one starts over from the
 * beginning (safe: every write is idempotent).
 */
export async function runBackfill(container: MedusaContainer): Promise<BackfillProgress> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { backfillPageSize } = await marketing.getOptions()

  const [state] = await marketing.listJobStates({ key: BACKFILL_JOB_KEY }, { take: 1 })
  const resuming =
    (state?.status === "running" || state?.status === "failed") && !!state.cursor
  let cursor: BackfillCursor = resuming
    ? (state.cursor as BackfillCursor)
    : { phase: "customers", after_id: null }
  const progress: BackfillProgress = resuming
    ? ({ customers: 0, orders: 0, ...(state.progress ?? {}) } as BackfillProgress)
    : { customers: 0, orders: 0 }

  await marketing.saveJobState({
    key: BACKFILL_JOB_KEY,
    status: "running",
    cursor,
    progress,
    error: null,
    started_at: resuming ? state.started_at : new Date(),
    finished_at: null,
  })

  try {
    for (;;) {
      const { result: page } = await backfillPageWorkflow(container).run({
        input: { ...cursor, limit: backfillPageSize },
      })
      progress[cursor.phase] += page.ids.length
      if (page.ids.length < backfillPageSize) {
        if (cursor.phase === "orders") {
          break
        }
        cursor = { phase: "orders", after_id: null }
      } else {
        cursor = { phase: cursor.phase, after_id: page.last_id }
      }
      await marketing.saveJobState({ key: BACKFILL_JOB_KEY, cursor, progress })
    }
  } catch (error) {
    const message = (error as Error).message
    await marketing.saveJobState({
      key: BACKFILL_JOB_KEY,
      status: "failed",
      error: message,
      progress,
    })
    logger.error(`marketing: backfill failed: ${message}`)
    throw error
  }

  await marketing.saveJobState({
    key: BACKFILL_JOB_KEY,
    status: "completed",
    cursor: null,
    progress,
    finished_at: new Date(),
  })
  logger.info(
    `marketing: backfill imported ${progress.customers} customers and ${progress.orders} orders`
  )
  return progress
}
