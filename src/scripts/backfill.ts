import { ExecArgs } from "@medusajs/framework/types"
import { runBackfill } from "../workflows/backfill"

/**
 * `npx medusa exec ./node_modules/medusa-marketing-automation/.medusa/server/src/scripts/backfill.js`
 * imports existing customers and orders into contacts; safe to re-run.
 */
export default async function backfill({ container }: ExecArgs) {
  await runBackfill(container)
}
