import { createHmac } from "node:crypto"

import { deriveSecret, isTokenFresh, signToken, TrackingToken, verifyToken } from "../tokens"

const SECRET = deriveSecret("store-secret", "tracking")

const EXAMPLES: Array<[string, TrackingToken]> = [
  ["an open", { k: "open", m: "mkt_msg_01JABCDEF" }],
  ["a click on the first link", { k: "click", m: "mkt_msg_01JABCDEF", i: 0 }],
  ["a click on a later link", { k: "click", m: "mkt_msg_01JABCDEF", i: 17 }],
  ["an unsubscribe without a message", { k: "unsubscribe", c: "mkt_con_01JXYZ" }],
  ["an unsubscribe from a message", { k: "unsubscribe", c: "mkt_con_01JXYZ", m: "mkt_msg_01JABCDEF" }],
  ["a view-in-browser", { k: "view", m: "mkt_msg_01JABCDEF" }],
  ["a confirm", { k: "confirm", c: "mkt_con_01JXYZ", t: 1_780_000_000 }],
]

// Signs an arbitrary wire payload, as someone holding the secret could, to
// check what verifyToken accepts once the signature is right.
function signWire(wire: unknown, secret = SECRET): string {
  const body = Buffer.from(JSON.stringify(wire)).toString("base64url")
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`
}

describe("signToken / verifyToken", () => {
  it.each(EXAMPLES)(
    "%s token verifies to the payload it was signed with",
    (_label, token) => {
      const signed = signToken(token, SECRET)
      expect(signed).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
      expect(verifyToken(signed, SECRET)).toEqual(token)
      expect(verifyToken(signed, SECRET, token.k)).toEqual(token)
    }
  )

  it("encodes kinds as one letter, keeping a click token short enough for every link", () => {
    const signed = signToken({ k: "click", m: "mkt_msg_01JABCDEFGHJKMNPQRSTVWXYZ", i: 12 }, SECRET)
    const [body] = signed.split(".")
    expect(JSON.parse(Buffer.from(body, "base64url").toString())).toEqual({
      k: "c",
      m: "mkt_msg_01JABCDEFGHJKMNPQRSTVWXYZ",
      i: 12,
    })
    expect(signed.length).toBeLessThan(120)
  })

  it("refuses a token of another kind than the route expects", () => {
    const open = signToken({ k: "open", m: "mkt_msg_1" }, SECRET)
    expect(verifyToken(open, SECRET, "view")).toBeNull()
    expect(verifyToken(open, SECRET, "click")).toBeNull()
    const unsubscribe = signToken({ k: "unsubscribe", c: "mkt_con_1" }, SECRET)
    expect(verifyToken(unsubscribe, SECRET, "confirm")).toBeNull()
  })

  // The whole alphabet, so the last character's spare bits are flipped too:
  // a token spelt differently must not verify even when it decodes the same.
  it("refuses a token with any single character changed", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    const signed = signToken({ k: "click", m: "mkt_msg_1", i: 3 }, SECRET)
    for (let at = 0; at < signed.length; at++) {
      const original = signed[at]
      for (const replacement of alphabet) {
        if (replacement === original) {
          continue
        }
        const tampered = signed.slice(0, at) + replacement + signed.slice(at + 1)
        expect(verifyToken(tampered, SECRET)).toBeNull()
      }
    }
  })

  it("refuses a payload paired with another token's signature", () => {
    const mine = signToken({ k: "unsubscribe", c: "mkt_con_mine" }, SECRET)
    const theirs = signToken({ k: "unsubscribe", c: "mkt_con_theirs" }, SECRET)
    const swapped = `${theirs.split(".")[0]}.${mine.split(".")[1]}`
    expect(verifyToken(swapped, SECRET)).toBeNull()
  })

  it("refuses a token signed with another secret, including another purpose's key", () => {
    const signed = signToken({ k: "open", m: "mkt_msg_1" }, SECRET)
    expect(verifyToken(signed, "another-secret")).toBeNull()
    expect(verifyToken(signed, deriveSecret("store-secret", "unsubscribe"))).toBeNull()
    expect(verifyToken(signed, "")).toBeNull()
  })

  it("returns null, without throwing, for truncated, empty and garbage input", () => {
    const signed = signToken({ k: "view", m: "mkt_msg_1" }, SECRET)
    const [body, sig] = signed.split(".")
    const inputs: unknown[] = [
      "",
      ".",
      "..",
      signed.slice(0, -1),
      signed.slice(1),
      body,
      `${body}.`,
      `.${sig}`,
      `${signed}.${sig}`,
      `${body}.${sig}=`,
      `${body}==.${sig}`,
      "not a token",
      "%%%.%%%",
      "a".repeat(100_000),
      `${"a".repeat(100_000)}.${sig}`,
      null,
      undefined,
      42,
      {},
      [signed],
    ]
    for (const input of inputs) {
      expect(verifyToken(input, SECRET)).toBeNull()
    }
  })

  it("returns null for correctly signed payloads of the wrong shape", () => {
    const wires: unknown[] = [
      null,
      "o",
      42,
      ["o", "mkt_msg_1"],
      {},
      { k: "x", m: "mkt_msg_1" },
      { k: "open", m: "mkt_msg_1" }, // the readable kind is not the wire code
      { k: "__proto__", m: "mkt_msg_1" },
      { k: "toString", m: "mkt_msg_1" },
      { k: "o" },
      { k: "o", m: "" },
      { k: "o", m: 12 },
      { k: "c", m: "mkt_msg_1" },
      { k: "c", m: "mkt_msg_1", i: "1" },
      { k: "c", m: "mkt_msg_1", i: -1 },
      { k: "c", m: "mkt_msg_1", i: 1.5 },
      { k: "u", m: "mkt_msg_1" },
      { k: "u", c: "mkt_con_1", m: null },
      { k: "d", c: "mkt_con_1" },
      { k: "d", c: "mkt_con_1", t: "1780000000" },
    ]
    for (const wire of wires) {
      expect(verifyToken(signWire(wire), SECRET)).toBeNull()
    }
    // The helper itself produces tokens that do verify.
    expect(verifyToken(signWire({ k: "o", m: "mkt_msg_1" }), SECRET)).toEqual({
      k: "open",
      m: "mkt_msg_1",
    })
    const badJson = Buffer.from("{not json").toString("base64url")
    const badJsonToken = `${badJson}.${createHmac("sha256", SECRET).update(badJson).digest("base64url")}`
    expect(verifyToken(badJsonToken, SECRET)).toBeNull()
  })

  it("drops fields that are not part of the kind", () => {
    expect(verifyToken(signWire({ k: "o", m: "mkt_msg_1", admin: true }), SECRET)).toEqual({
      k: "open",
      m: "mkt_msg_1",
    })
  })

  it("refuses to sign with an empty secret or an invalid payload", () => {
    expect(() => signToken({ k: "open", m: "mkt_msg_1" }, "")).toThrow(TypeError)
    expect(() => signToken({ k: "click", m: "mkt_msg_1", i: -1 }, SECRET)).toThrow(TypeError)
    expect(() => signToken({ k: "open", m: "" }, SECRET)).toThrow(TypeError)
    expect(() => signToken({ k: "nope" } as unknown as TrackingToken, SECRET)).toThrow(TypeError)
  })
})

describe("isTokenFresh", () => {
  const issued = { t: 1_780_000_000 }
  const at = (seconds: number) => new Date(seconds * 1000)

  it("accepts a token up to its maximum age and refuses it after", () => {
    expect(isTokenFresh(issued, 3600, at(issued.t))).toBe(true)
    expect(isTokenFresh(issued, 3600, at(issued.t + 3600))).toBe(true)
    expect(isTokenFresh(issued, 3600, at(issued.t + 3601))).toBe(false)
  })

  it("tolerates a server clock slightly behind the issuer's, not a token from the far future", () => {
    expect(isTokenFresh(issued, 3600, at(issued.t - 30))).toBe(true)
    expect(isTokenFresh(issued, 3600, at(issued.t - 24 * 3600))).toBe(false)
  })

  it("refuses an invalid date or issue time", () => {
    expect(isTokenFresh(issued, 3600, new Date(NaN))).toBe(false)
    expect(isTokenFresh({ t: NaN }, 3600, at(issued.t))).toBe(false)
  })
})

describe("deriveSecret", () => {
  it("gives each purpose its own stable key", () => {
    expect(deriveSecret("base", "tracking")).toEqual(deriveSecret("base", "tracking"))
    expect(deriveSecret("base", "tracking")).not.toEqual(deriveSecret("base", "unsubscribe"))
    expect(deriveSecret("base", "tracking")).not.toEqual(deriveSecret("other", "tracking"))
    expect(deriveSecret("base", "tracking")).toMatch(/^[0-9a-f]{64}$/)
  })

  it("refuses an empty base secret", () => {
    expect(() => deriveSecret("", "tracking")).toThrow(TypeError)
  })
})
