import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

type Api = { post: (url: string, body?: unknown, config?: unknown) => Promise<any> }

/** Creates an admin user with an emailpass identity and logs in over HTTP. */
export async function adminHeaders(
  api: Api,
  container: MedusaContainer,
  email = "admin@test.local",
  password = "supersecret"
) {
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity } = await auth.register("emailpass", {
    body: { email, password },
  } as any)
  await auth.updateAuthIdentities({
    id: authIdentity!.id,
    app_metadata: { user_id: user.id },
  })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${data.token}` } }
}

/** Registers a storefront customer the way a storefront does. */
export async function registerCustomer(
  api: Api,
  publishableKey: string,
  input: { email: string; first_name?: string; last_name?: string },
  password = "secret-password"
) {
  const {
    data: { token },
  } = await api.post("/auth/customer/emailpass/register", {
    email: input.email,
    password,
  })
  const { data } = await api.post("/store/customers", input, {
    headers: {
      authorization: `Bearer ${token}`,
      "x-publishable-api-key": publishableKey,
    },
  })
  return data.customer
}
