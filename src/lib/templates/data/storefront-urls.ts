/**
 * Every storefront address an email links to is built here, so a store
 * whose storefront uses other paths has one place to look. Without a
 * storefront URL there is nothing to link to, and each builder says so.
 */

function join(storefrontUrl: string | null | undefined, path: string): string | null {
  const base = (storefrontUrl ?? "").replace(/\/+$/, "")
  return base ? `${base}${path}` : null
}

/** Opens the storefront with the cart restored; "" without a storefront URL. */
export function buildCartRecoveryUrl(storefrontUrl: string | null | undefined, cartId: string): string {
  return join(storefrontUrl, `/cart/recover/${encodeURIComponent(cartId)}`) ?? ""
}

/** The order's page in the customer's account. */
export function buildOrderUrl(storefrontUrl: string | null | undefined, orderId: string): string | null {
  return join(storefrontUrl, `/account/orders/details/${encodeURIComponent(orderId)}`)
}

/** The product's page; null when the product has no handle. */
export function buildProductUrl(
  storefrontUrl: string | null | undefined,
  handle: string | null | undefined
): string | null {
  return handle ? join(storefrontUrl, `/products/${encodeURIComponent(handle)}`) : null
}
