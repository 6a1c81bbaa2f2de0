import { knex as createKnex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { join } from "path"
import { MARKETING_MODULE } from ".."
import { scanRows, withoutJit } from "../repositories/population-sql"
import MarketingModuleService from "../service"

jest.setTimeout(60_000)

const JIT_NOW = "SELECT current_setting('jit') AS jit"

moduleIntegrationTestRunner<MarketingModuleService>({
  moduleName: MARKETING_MODULE,
  resolve: join(__dirname, ".."),
  pathToMigrations: join(__dirname, "..", "migrations"),
  moduleOptions: { storefrontUrl: "https://shop.example.com" },
  testSuite: ({ MikroOrmWrapper, dbConfig }) => {
    describe("reads over the whole population", () => {
      it("run with the JIT compiler off and hand the connection back as it was", async () => {
        // One connection, so what the helper leaves behind is what the next statement finds.
        const single = createKnex({ client: "pg", connection: dbConfig.clientUrl, pool: { min: 1, max: 1 } })
        try {
          const manager = { getTransactionContext: () => undefined, getKnex: () => single } as unknown as SqlEntityManager
          await single.raw("SET jit = on")

          const [inside] = await scanRows<{ jit: string }>(manager, `${JIT_NOW} WHERE ?::int = 1`, [1])
          expect(inside.jit).toEqual("off")

          const { rows: after } = await single.raw(JIT_NOW)
          expect(after[0].jit).toEqual("on")
        } finally {
          await single.destroy()
        }
      })

      it("join the caller's transaction, and keep the setting to it", async () => {
        const manager = MikroOrmWrapper.forkManager()
        const seen = await manager.transactional(async (em) => {
          const trx = em.getTransactionContext()
          const [inside] = await scanRows<{ jit: string }>(em, JIT_NOW)
          const { rows: later } = await em.getKnex().raw(JIT_NOW).transacting(trx)
          const { rows: backend } = await em.getKnex().raw("SELECT pg_backend_pid() AS pid").transacting(trx)
          const outside = await withoutJit(manager, async (own) => (await own.raw("SELECT pg_backend_pid() AS pid")).rows)
          return { inside: inside.jit, later: later[0].jit, sameBackend: backend[0].pid === outside[0].pid }
        })
        expect(seen).toEqual({ inside: "off", later: "off", sameBackend: false })
      })
    })
  },
})
