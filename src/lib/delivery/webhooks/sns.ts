import { createVerify } from "node:crypto"
import { optionalString, requireString } from "./shared"
import { WebhookPayloadError, WebhookSignatureError } from "./types"

export const SNS_MESSAGE_TYPES = [
  "Notification",
  "SubscriptionConfirmation",
  "UnsubscribeConfirmation",
] as const
export type SnsMessageType = (typeof SNS_MESSAGE_TYPES)[number]

export type SnsMessage = {
  Type: SnsMessageType
  MessageId: string
  TopicArn: string
  Message: string
  Timestamp: string
  Subject: string | null
  SubscribeURL: string | null
  Token: string | null
  SignatureVersion: unknown
  Signature: unknown
  SigningCertURL: unknown
}

export type CertificateFetcher = (url: string) => Promise<string>

// The fields SNS signs, in the order it signs them (AWS: "Verifying the signatures of Amazon SNS messages").
const CONFIRMATION_FIELDS: (keyof SnsMessage)[] = [
  "Message",
  "MessageId",
  "SubscribeURL",
  "Timestamp",
  "Token",
  "TopicArn",
  "Type",
]
const SIGNED_FIELDS: Record<SnsMessageType, (keyof SnsMessage)[]> = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: CONFIRMATION_FIELDS,
  UnsubscribeConfirmation: CONFIRMATION_FIELDS,
}

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/

// Amazon's own certificate names; nothing else, not even a query string, is fetched or cached.
const SNS_CERTIFICATE_PATH = /^\/SimpleNotificationService-[A-Za-z0-9]+\.pem$/

/**
 * Whether a URL is on an Amazon SNS endpoint (and, with `path`, has a path
 * it matches). The signature proves only that the message was signed by
 * whoever owns the certificate at SigningCertURL, so this check is what
 * stops a forger from signing with a certificate of their own.
 */
export function isSnsUrl(value: unknown, path?: RegExp): boolean {
  if (typeof value !== "string") {
    return false
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  return (
    url.protocol === "https:" &&
    SNS_HOST.test(url.hostname) &&
    url.port === "" &&
    url.username === "" &&
    url.password === "" &&
    (!path || (path.test(url.pathname) && url.search === "" && url.hash === ""))
  )
}

export function readSnsMessage(body: Record<string, unknown>): SnsMessage {
  const type = requireString(body.Type, "Type")
  if (!(SNS_MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new WebhookPayloadError(`Type "${type}" is not an SNS message type`)
  }
  const confirmation = type !== "Notification"
  return {
    Type: type as SnsMessageType,
    MessageId: requireString(body.MessageId, "MessageId"),
    TopicArn: requireString(body.TopicArn, "TopicArn"),
    Message: requireString(body.Message, "Message"),
    Timestamp: requireString(body.Timestamp, "Timestamp"),
    Subject: optionalString(body.Subject, "Subject"),
    SubscribeURL: confirmation
      ? requireString(body.SubscribeURL, "SubscribeURL")
      : optionalString(body.SubscribeURL, "SubscribeURL"),
    Token: confirmation ? requireString(body.Token, "Token") : optionalString(body.Token, "Token"),
    SignatureVersion: body.SignatureVersion,
    Signature: body.Signature,
    SigningCertURL: body.SigningCertURL,
  }
}

export async function verifySnsSignature(message: SnsMessage, fetchCertificate: CertificateFetcher) {
  const { SignatureVersion: version, Signature: signature, SigningCertURL: certUrl } = message
  if (version !== "1" && version !== "2") {
    throw new WebhookSignatureError('SignatureVersion must be "1" or "2"')
  }
  if (typeof signature !== "string" || signature === "") {
    throw new WebhookSignatureError("missing Signature")
  }
  if (!isSnsUrl(certUrl, SNS_CERTIFICATE_PATH)) {
    throw new WebhookSignatureError("SigningCertURL is not an Amazon SNS certificate URL")
  }
  const certificate = await fetchCertificate(certUrl as string)

  const stringToSign = SIGNED_FIELDS[message.Type]
    .filter((field) => message[field] !== null)
    .map((field) => `${field}\n${message[field]}\n`)
    .join("")
  let valid = false
  try {
    valid = createVerify(version === "2" ? "RSA-SHA256" : "RSA-SHA1")
      .update(stringToSign, "utf8")
      .verify(certificate, signature, "base64")
  } catch {
    // An unreadable certificate or signature proves nothing either.
  }
  if (!valid) {
    throw new WebhookSignatureError("the SNS signature does not match the message")
  }
}

/** Amazon could not be reached: a server-side failure, so SNS redelivers the message later. */
export class CertificateUnavailableError extends Error {}

const certificates = new Map<string, Promise<string>>()

/**
 * Fetches a signing certificate once per URL: SNS rotates certificates
 * rarely and signs every message with one, so the cache stays tiny. Failed
 * fetches are not cached, so SNS's redelivery can succeed later.
 */
export function fetchCertificateCached(url: string): Promise<string> {
  let pending = certificates.get(url)
  if (!pending) {
    pending = downloadCertificate(url)
    certificates.set(url, pending)
    pending.catch(() => certificates.delete(url))
  }
  return pending
}

async function downloadCertificate(url: string): Promise<string> {
  // No redirects: the host check applies to the URL that actually serves the certificate.
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(10_000) })
  if (!response.ok) {
    throw new CertificateUnavailableError(`fetching ${url} failed with HTTP ${response.status}`)
  }
  return response.text()
}
