import { AddressInfo } from "node:net"
import { simpleParser, ParsedMail } from "mailparser"
import { SMTPServer } from "smtp-server"

/**
 * A real SMTP server on loopback that keeps what it receives, and can refuse
 * deliveries to play a failing provider. It must listen before
 * medusa-config.ts is read: call `useSmtpCapture()` at the top of a test file,
 * before `medusaIntegrationTestRunner`, so its beforeAll runs first.
 */
export function useSmtpCapture() {
  const capture = {
    received: [] as ParsedMail[],
    /**
     * Decides whether to refuse a delivery with a temporary error, given the
     * recipient and how many deliveries to them were tried before.
     */
    refuse: (_recipient: string, _previousTries: number) => false,
    /**
     * Decides whether to hold a delivery unanswered, as a provider that hangs
     * does; held deliveries are answered by `release()` or dropped when the
     * sender disconnects (it died).
     */
    hold: (_recipient: string) => false,
    held: 0,
    /** Answers held deliveries: accepted, or refused as a dead sender's would be. */
    release: (_deliver: boolean) => {},
    tries: new Map<string, number>(),
  }
  let released!: Promise<boolean>
  const resetHold = () => {
    released = new Promise<boolean>((resolve) => (capture.release = resolve))
  }
  resetHold()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address ?? ""
      const previous = capture.tries.get(recipient) ?? 0
      capture.tries.set(recipient, previous + 1)
      simpleParser(stream)
        .then(async (mail) => {
          if (capture.hold(recipient)) {
            capture.held += 1
            const deliver = await released
            capture.held -= 1
            if (!deliver) {
              return callback(new Error("connection lost"))
            }
          }
          if (capture.refuse(recipient, previous)) {
            const error = new Error("try again later") as Error & { responseCode: number }
            error.responseCode = 451
            return callback(error)
          }
          capture.received.push(mail)
          callback()
        })
        .catch(callback)
    },
  })

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port))
    )
    process.env.SMTP_HOST = "127.0.0.1"
    process.env.SMTP_PORT = String(port)
    process.env.SMTP_IGNORE_TLS = "true"
    process.env.SMTP_FROM = '"Linen & Co" <hello@linen.example>'
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return Object.assign(capture, { resetHold })
}
