import { AddressInfo } from "node:net"
import { simpleParser, ParsedMail } from "mailparser"
import { SMTPServer } from "smtp-server"
import { SmtpNotificationService } from "../service"

const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() } as any

describe("SmtpNotificationService against a real SMTP server", () => {
  let server: SMTPServer
  let port: number
  let received: { envelopeTo: string[]; mail: ParsedMail }[]
  let provider: SmtpNotificationService

  beforeAll(async () => {
    received = []
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              mail,
            })
            callback()
          })
          .catch(callback)
      },
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    port = (server.server.address() as AddressInfo).port
    provider = new SmtpNotificationService(
      { logger },
      { host: "127.0.0.1", port, ignoreTLS: true, pool: false, from: '"Linen & Co" <hello@linen.example>' }
    )
  })

  afterAll(async () => {
    await provider.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  beforeEach(() => {
    received.length = 0
  })

  it("delivers the rendered HTML and text parts with the one-click unsubscribe headers", async () => {
    const result = await provider.send({
      to: "ana@example.com",
      channel: "email",
      template: "",
      content: {
        subject: "Ana, your cart is waiting",
        html: "<p>Hi Ana</p><p>Linen &amp; Co, Torstr. 1, Berlin</p>",
        text: "Hi Ana\n\nLinen & Co, Torstr. 1, Berlin",
      },
      provider_data: {
        list_unsubscribe: {
          url: "https://shop.example.com/store/marketing/unsubscribe/tok123",
          mailto: "unsubscribe@linen.example",
        },
        reply_to: "support@linen.example",
        headers: { "X-Campaign": "welcome" },
      },
    })

    expect(result.id).toMatch(/@/)
    expect(received).toHaveLength(1)
    const [{ envelopeTo, mail }] = received
    expect(envelopeTo).toEqual(["ana@example.com"])
    expect(mail.subject).toEqual("Ana, your cart is waiting")
    expect(mail.from?.value).toEqual([{ address: "hello@linen.example", name: "Linen & Co" }])
    expect(mail.replyTo?.value[0].address).toEqual("support@linen.example")
    expect(mail.html).toContain("<p>Hi Ana</p>")
    expect(mail.text).toContain("Linen & Co, Torstr. 1, Berlin")
    const header = (name: string) =>
      mail.headerLines
        .find((line) => line.key === name)
        ?.line.replace(/^[^:]+:\s*/, "")
        .replace(/\r?\n\s+/g, " ")
    expect(header("list-unsubscribe-post")).toEqual("List-Unsubscribe=One-Click")
    expect(header("list-unsubscribe")).toEqual(
      "<mailto:unsubscribe@linen.example>, <https://shop.example.com/store/marketing/unsubscribe/tok123>"
    )
    expect(mail.headers.get("x-campaign")).toEqual("welcome")
    expect(mail.messageId).toEqual(result.id)
  })

  it("leaves the unsubscribe headers out of mail that has no unsubscribe link", async () => {
    await provider.send({
      to: "ana@example.com",
      from: "orders@linen.example",
      channel: "email",
      template: "",
      content: { subject: "Your order", text: "Thanks" },
    })
    const [{ mail }] = received
    expect(mail.from?.value[0].address).toEqual("orders@linen.example")
    expect(mail.headerLines.map((line) => line.key)).not.toEqual(
      expect.arrayContaining(["list-unsubscribe"])
    )
    expect(mail.headerLines.map((line) => line.key)).not.toEqual(
      expect.arrayContaining(["list-unsubscribe-post"])
    )
  })

  it("refuses a notification without rendered content, and bad options at boot", async () => {
    await expect(
      provider.send({ to: "ana@example.com", channel: "email", template: "welcome" })
    ).rejects.toThrow("content.html or content.text is required")
    expect(received).toHaveLength(0)
    expect(() => SmtpNotificationService.validateOptions({ host: "smtp.example.com" })).toThrow(
      /Invalid marketing-smtp options: from/
    )
    expect(() =>
      SmtpNotificationService.validateOptions({ host: "smtp.example.com", from: "a@b.c", port: 0 })
    ).toThrow(/port/)
  })
})
