import { isDeliverableEmail, normalizeEmail } from "../email"

describe("normalizeEmail", () => {
  it("lower-cases and trims so one address is one contact", () => {
    expect(normalizeEmail("  Ana.Lima@Example.COM ")).toEqual("ana.lima@example.com")
    expect(normalizeEmail(null)).toEqual("")
  })
})

describe("isDeliverableEmail", () => {
  it.each(["ana@example.com", "o'brien+news@mail.example.co.uk", " Ana@Example.com "])(
    "accepts %s",
    (email) => expect(isDeliverableEmail(email)).toBe(true)
  )

  it.each(["", "ana", "ana@", "@example.com", "ana@example", "a b@example.com", `${"a".repeat(250)}@x.io`])(
    "rejects %j",
    (email) => expect(isDeliverableEmail(email)).toBe(false)
  )
})
