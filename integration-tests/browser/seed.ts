/**
 * Seeds the browser test's store in one `medusa exec` (each `medusa` command
 * boots the app, ~8 s): the development store's demo data
 * (src/scripts/seed-demo.ts: a region, products, 12 customers with accounts,
 * 25 orders over the last year, 3 abandoned carts), then the admin user,
 * created the way `medusa user -e … -p …` does it.
 *
 * `npx medusa exec ./integration-tests/browser/seed.ts <email> <password>`
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import seedDemo from "../../src/scripts/seed-demo"

export default async function seedBrowserStore({ container, args }: ExecArgs) {
  const [email, password] = args
  if (!email || !password) {
    throw new Error("usage: medusa exec ./integration-tests/browser/seed.ts <email> <password>")
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)

  await seedDemo({ container, args: [] })

  const {
    result: [user],
  } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email, password },
  } as any)
  if (error || !authIdentity) {
    throw new Error(`Could not register ${email}: ${error}`)
  }
  await auth.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: { user_id: user.id },
  })
  logger.info(`browser seed: admin ${email} created`)
}
