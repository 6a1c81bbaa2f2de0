export * from "./detect-abandoned-carts"
export * from "./track-cart-activity"
export * from "./discover-carts"
