import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { useSmtpCapture } from "../helpers/smtp-capture"

jest.setTimeout(180_000)

const capture = useSmtpCapture()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
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

      for (let i = 0; i < 50 && capture.received.length < 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(capture.received).toHaveLength(1)
      const [mail] = capture.received
      expect(mail.subject).toEqual("Hello Ana")
      expect(mail.from?.value[0].address).toEqual("hello@linen.example")
      expect(mail.html).toContain("<p>Hello Ana</p>")
      const keys = mail.headerLines.map((line) => line.key)
      expect(keys).toEqual(expect.arrayContaining(["list-unsubscribe", "list-unsubscribe-post"]))
    })
  },
})
