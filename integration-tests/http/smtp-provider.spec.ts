import { AddressInfo } from "node:net"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { simpleParser, ParsedMail } from "mailparser"
import { SMTPServer } from "smtp-server"

jest.setTimeout(180_000)

// The capture server must listen before medusa-config.ts is read, so it is
// started here and its port handed over through the environment.
const received: ParsedMail[] = []
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push(mail)
        callback()
      })
      .catch(callback)
  },
})
const listening = new Promise<number>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port))
)

// Registered before the runner's own beforeAll, so it runs first.
beforeAll(async () => {
  process.env.SMTP_HOST = "127.0.0.1"
  process.env.SMTP_PORT = String(await listening)
  process.env.SMTP_IGNORE_TLS = "true"
  process.env.SMTP_FROM = '"Linen & Co" <hello@linen.example>'
})

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })

    it("the Notification Module sends through the plugin's SMTP provider, once per idempotency key", async () => {
      const notifications = getContainer().resolve(Modules.NOTIFICATION)
      const send = () =>
        notifications.createNotifications({
          to: "ana@example.com",
          channel: "email",
          template: "",
          idempotency_key: "msg_test_1",
          content: { subject: "Hello Ana", html: "<p>Hello Ana</p>", text: "Hello Ana" },
          provider_data: {
            list_unsubscribe: { url: "https://shop.example.com/unsubscribe/t1" },
          },
        } as any)
      await send()
      await send()

      for (let i = 0; i < 50 && received.length < 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(received).toHaveLength(1)
      const [mail] = received
      expect(mail.subject).toEqual("Hello Ana")
      expect(mail.from?.value[0].address).toEqual("hello@linen.example")
      expect(mail.html).toContain("<p>Hello Ana</p>")
      const keys = mail.headerLines.map((line) => line.key)
      expect(keys).toEqual(expect.arrayContaining(["list-unsubscribe", "list-unsubscribe-post"]))
    })
  },
})
