import { validateAndTransformBody } from "@medusajs/framework/http"
import { AdminCreateTemplate } from "../../../api/admin/marketing/templates/validators"
import { contentErrors } from "../template-errors"

/** The message the route's body validation answers this body with. */
const schemaMessage = async (body: Record<string, unknown>): Promise<string> => {
  let refusal: unknown
  await validateAndTransformBody(AdminCreateTemplate)({ body } as any, {} as any, (error?: unknown) => {
    refusal = error
  })
  return (refusal as Error).message
}

const content = { subject: "Hi", mjml: "<mjml><mj-body></mj-body></mjml>" }

describe("contentErrors", () => {
  it("puts the route's refusal of a sender address under that field", async () => {
    const message = await schemaMessage({ name: "T", content: { ...content, from_email: "not-an-email" } })
    expect(contentErrors(message)).toEqual({ from_email: "Must be an email address" })
    const reply = await schemaMessage({ name: "T", content: { ...content, reply_to: "nope" } })
    expect(contentErrors(reply)).toEqual({ reply_to: "Must be an email address" })
  })

  it("splits a template's problems by part: the subject to the subject, MJML and the text part to the body", () => {
    expect(
      contentErrors("Invalid template: subject line 1: tag \"iff\" not found; mjml line 3: unknown tag; text line 2: unclosed")
    ).toEqual({
      subject: 'Line 1: tag "iff" not found',
      body: "mjml line 3: unknown tag; text line 2: unclosed",
    })
  })

  it("keeps what names no field with the body, and has nothing for no message", () => {
    expect(contentErrors("Something went wrong")).toEqual({ body: "Something went wrong" })
    expect(contentErrors(null)).toEqual({})
  })
})
