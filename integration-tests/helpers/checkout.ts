import { StoreFixture } from "./store-fixture"

type Api = { post: (url: string, body?: unknown, config?: unknown) => Promise<any> }

export const CHECKOUT_ADDRESS = {
  first_name: "Ana",
  last_name: "Lima",
  address_1: "Torstr. 1",
  city: "Berlin",
  country_code: "de",
  postal_code: "10119",
}

export function storeHeaders(fixture: StoreFixture, token?: string) {
  return {
    headers: {
      "x-publishable-api-key": fixture.publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  }
}

/** A cart with one item for `email`, as a storefront builds it. */
export async function createCartWithItem(
  api: Api,
  fixture: StoreFixture,
  email: string,
  quantity = 1
) {
  const headers = storeHeaders(fixture)
  const {
    data: { cart },
  } = await api.post("/store/carts", { region_id: fixture.regionId, email }, headers)
  await api.post(
    `/store/carts/${cart.id}/line-items`,
    { variant_id: fixture.variantId, quantity },
    headers
  )
  return cart.id as string
}

/** Completes a cart through the store API with the system payment provider. */
export async function checkout(api: Api, fixture: StoreFixture, cartId: string) {
  const headers = storeHeaders(fixture)
  await api.post(
    `/store/carts/${cartId}`,
    { shipping_address: CHECKOUT_ADDRESS, billing_address: CHECKOUT_ADDRESS },
    headers
  )
  await api.post(
    `/store/carts/${cartId}/shipping-methods`,
    { option_id: fixture.shippingOptionId },
    headers
  )
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, headers)
  if (data.type !== "order") {
    throw new Error(`checkout failed: ${JSON.stringify(data.error ?? data)}`)
  }
  return data.order
}
