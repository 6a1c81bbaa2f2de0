import { ulidFloor } from "../ulid-floor"

// A ULID Medusa generated for a cart created at 2026-11-29T03:47:41.000Z.
const CREATED = new Date("2026-11-29T03:47:41.000Z")

describe("ulidFloor", () => {
  it("encodes the time in the first ten Crockford characters, like ULID", () => {
    expect(ulidFloor(new Date(0))).toEqual("0".repeat(26))
    expect(ulidFloor(new Date(1))).toEqual("0000000001" + "0".repeat(16))
    expect(ulidFloor(new Date(32))).toEqual("0000000010" + "0".repeat(16))
    expect(ulidFloor(CREATED)).toHaveLength(26)
  })

  it("sorts ids created later after the floor and earlier ones before it", () => {
    const floor = ulidFloor(CREATED)
    const later = ulidFloor(new Date(CREATED.getTime() + 1)).slice(0, 10) + "7ZZZZZZZZZZZZZZZ"
    const earlier = ulidFloor(new Date(CREATED.getTime() - 1)).slice(0, 10) + "ZZZZZZZZZZZZZZZZ"
    expect(`cart_${later}` > `cart_${floor}`).toBe(true)
    expect(`cart_${earlier}` < `cart_${floor}`).toBe(true)
  })
})
