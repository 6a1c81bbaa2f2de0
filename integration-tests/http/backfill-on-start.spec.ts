import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { BACKFILL_JOB_KEY } from "../../src/workflows/backfill"
import backfillOnStartJob from "../../src/jobs/backfill-on-start"

jest.setTimeout(180_000)

// Read by medusa-config.ts when the runner loads it.
process.env.MARKETING_BACKFILL_ON_START = "true"

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    it("with backfillOnStart, imports existing customers once and not again after it finished", async () => {
      const container = getContainer()
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
      expect((await marketing.getOptions()).backfillOnStart).toBe(true)

      // Straight through the module: no event reaches the plugin.
      await container
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "existing@example.com", has_account: true }])
      await backfillOnStartJob(container)

      const [state] = await marketing.listJobStates({ key: BACKFILL_JOB_KEY })
      expect(state).toEqual(
        expect.objectContaining({ status: "completed", progress: { customers: 1, orders: 0 } })
      )
      expect(await marketing.listContacts({ email: "existing@example.com" })).toHaveLength(1)

      // A finished import is not repeated on the next boot.
      await container
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "later@example.com", has_account: true }])
      await backfillOnStartJob(container)
      expect(await marketing.listContacts({ email: "later@example.com" })).toHaveLength(0)
    })
  },
})
