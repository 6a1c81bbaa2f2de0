import { isIPv4 } from "node:net"

/** One request to the open pixel or a click redirect. */
export type EngagementRequest = {
  userAgent?: string | null
  ip?: string | null
  /** When the message was handed to the provider; without it no request is too fast. */
  sentAt?: Date | null
  at: Date
}

export type MachineOpenReason = "apple_privacy_proxy" | "security_scanner" | "too_fast"

export type MachineClickReason = Exclude<MachineOpenReason, "apple_privacy_proxy">

export type EngagementClassification<Reason extends string> =
  | { machine: true; reason: Reason }
  | { machine: false; reason: null }

export type OpenClassification = EngagementClassification<MachineOpenReason>

export type ClickClassification = EngagementClassification<MachineClickReason>

// Nobody opens an email, let alone reads it and clicks, within two seconds of
// its sending; a request that fast comes from the receiving server.
export const MIN_HUMAN_DELAY_MS = 2_000

// Apple Mail Privacy Protection fetches every image on delivery, through
// Apple's own network and with a user agent stripped to this.
const APPLE_PROXY_USER_AGENT = "Mozilla/5.0"

// IPv4 carried in IPv6, as a dual-stack server reports it: "::ffff:17.58.1.2",
// its expanded form, or the hex spelling "::ffff:113a:102".
const IPV4_MAPPED = /^(?:::|(?:0{1,4}:){5})ffff:(.+)$/i
const HEX_PAIR = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/i

// Link checkers of mail security gateways, and HTTP libraries no mail client
// uses. Not "Microsoft Office": that is Outlook for Windows, a person reading.
const SCANNER_USER_AGENT = new RegExp(
  [
    "(?<!cu)bot", // Cubot is an Android phone maker
    "spider",
    "crawl",
    "python-requests",
    "python-urllib",
    "curl/",
    "wget/",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww-perl",
    "apache-httpclient",
    "headlesschrome",
    "phantomjs",
    "barracuda",
    "mimecast",
    "proofpoint",
    "trend ?micro",
    "symantec",
    "messagelabs",
    "forcepoint",
    "ironport",
    "sophos",
    "fireeye",
    "existence discovery",
  ].join("|"),
  "i"
)

/**
 * Whether an open was a person reading or a machine fetching images for
 * them. Gmail's image proxy (`GoogleImageProxy`) counts as a person: it
 * fetches when the reader opens the message.
 */
export function classifyOpen(request: EngagementRequest): OpenClassification {
  if (
    request.userAgent?.trim() === APPLE_PROXY_USER_AGENT ||
    (request.ip != null && isAppleNetwork(request.ip))
  ) {
    return { machine: true, reason: "apple_privacy_proxy" }
  }
  return classifyClick(request)
}

/**
 * Whether a click was a person or a security scanner following every link.
 * Apple's proxy only fetches images, so its rules do not apply here.
 */
export function classifyClick(request: EngagementRequest): ClickClassification {
  const userAgent = request.userAgent?.trim() ?? ""
  if (userAgent === "" || SCANNER_USER_AGENT.test(userAgent)) {
    return { machine: true, reason: "security_scanner" }
  }
  if (request.sentAt && request.at.getTime() - request.sentAt.getTime() < MIN_HUMAN_DELAY_MS) {
    return { machine: true, reason: "too_fast" }
  }
  return { machine: false, reason: null }
}

// Apple owns 17.0.0.0/8 outright.
function isAppleNetwork(ip: string): boolean {
  return firstOctet(ip.trim()) === 17
}

function firstOctet(ip: string): number | null {
  if (isIPv4(ip)) {
    return Number(ip.slice(0, ip.indexOf(".")))
  }
  const mapped = IPV4_MAPPED.exec(ip)?.[1]
  if (mapped === undefined) {
    return null
  }
  if (isIPv4(mapped)) {
    return Number(mapped.slice(0, mapped.indexOf(".")))
  }
  const high = HEX_PAIR.exec(mapped)?.[1]
  return high === undefined ? null : parseInt(high, 16) >> 8
}
