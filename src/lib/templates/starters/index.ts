import { abandonedCart } from "./abandoned-cart"
import { birthday } from "./birthday"
import { doubleOptIn } from "./double-opt-in"
import { newArrivals } from "./new-arrivals"
import { postPurchase } from "./post-purchase"
import { reEngagement } from "./re-engagement"
import { reviewRequest } from "./review-request"
import type { StarterTemplate } from "./types"
import { welcome } from "./welcome"
import { winBack } from "./win-back"

export type { StarterTemplate } from "./types"
export { withLayout } from "./layout"

/** The templates a merchant can start from, in the order the admin lists them. */
export const STARTER_TEMPLATES: StarterTemplate[] = [
  welcome,
  abandonedCart,
  postPurchase,
  reviewRequest,
  winBack,
  reEngagement,
  newArrivals,
  birthday,
  doubleOptIn,
]

export function getStarterTemplate(key: string): StarterTemplate | undefined {
  return STARTER_TEMPLATES.find((template) => template.key === key)
}
