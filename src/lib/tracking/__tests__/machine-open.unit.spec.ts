import { classifyClick, classifyOpen, EngagementRequest } from "../machine-open"

const SENT = new Date("2026-06-01T10:00:00Z")
const LATER = new Date("2026-06-01T10:05:00Z")

const UA = {
  iphoneMail:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  chrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  outlookDesktop:
    "Mozilla/4.0 (compatible; ms-office; MSOffice 16) Microsoft Outlook 16.0.17531; Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)",
  gmailProxy:
    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
  cubotPhone:
    "Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
}

function open(overrides: Partial<EngagementRequest>) {
  return classifyOpen({ userAgent: UA.chrome, ip: "203.0.113.7", sentAt: SENT, at: LATER, ...overrides })
}

function click(overrides: Partial<EngagementRequest>) {
  return classifyClick({ userAgent: UA.chrome, ip: "203.0.113.7", sentAt: SENT, at: LATER, ...overrides })
}

describe("classifyOpen", () => {
  it("counts a reader's mail client as a human open", () => {
    expect(open({})).toEqual({ machine: false, reason: null })
    expect(open({ userAgent: UA.iphoneMail })).toEqual({ machine: false, reason: null })
    expect(open({ userAgent: UA.outlookDesktop })).toEqual({ machine: false, reason: null })
    expect(open({ userAgent: UA.cubotPhone })).toEqual({ machine: false, reason: null })
  })

  it("counts Gmail's image proxy as a human open", () => {
    expect(open({ userAgent: UA.gmailProxy, ip: "66.249.84.12" })).toEqual({
      machine: false,
      reason: null,
    })
  })

  it("flags fetches from Apple's 17.0.0.0/8 network as Mail Privacy Protection", () => {
    for (const ip of ["17.58.1.2", "17.0.0.1", " 17.255.255.255 "]) {
      expect(open({ ip, userAgent: UA.iphoneMail })).toEqual({
        machine: true,
        reason: "apple_privacy_proxy",
      })
    }
  })

  it("flags Apple's network when a dual-stack server reports it as IPv4-mapped IPv6", () => {
    for (const ip of ["::ffff:17.58.1.2", "::FFFF:17.58.1.2", "0:0:0:0:0:ffff:17.58.1.2", "::ffff:113a:102"]) {
      expect(open({ ip })).toEqual({ machine: true, reason: "apple_privacy_proxy" })
    }
  })

  it("does not mistake addresses that merely start with 17 for Apple's", () => {
    for (const ip of ["170.1.2.3", "117.1.2.3", "::ffff:170.1.2.3", "2001:db8::17", "17", "not-an-ip", ""]) {
      expect(open({ ip })).toEqual({ machine: false, reason: null })
    }
  })

  it("flags the bare Mozilla/5.0 user agent of Apple's proxy, and nothing longer", () => {
    expect(open({ userAgent: "Mozilla/5.0" })).toEqual({
      machine: true,
      reason: "apple_privacy_proxy",
    })
    expect(open({ userAgent: "Mozilla/5.0 (Macintosh)" })).toEqual({ machine: false, reason: null })
  })

  it("flags security scanners and HTTP libraries", () => {
    const scanners = [
      "Barracuda Sentinel (EE)",
      "Mozilla/5.0 (compatible; Mimecast URL Protect)",
      "Proofpoint URL Defense",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
      "python-requests/2.31.0",
      "curl/8.4.0",
      "Go-http-client/1.1",
      "Java/1.8.0_381",
      "okhttp/4.12.0",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0)",
      "Trend Micro Email Security",
      "Symantec Email Security.cloud",
      "Forcepoint Email Security",
      "Microsoft Office Existence Discovery",
    ]
    for (const userAgent of scanners) {
      expect([userAgent, open({ userAgent })]).toEqual([
        userAgent,
        { machine: true, reason: "security_scanner" },
      ])
    }
  })

  it("treats a request without a user agent as a scanner", () => {
    for (const userAgent of ["", "   ", null, undefined]) {
      expect(open({ userAgent })).toEqual({ machine: true, reason: "security_scanner" })
    }
  })

  it("flags an open within two seconds of sending as too fast", () => {
    expect(open({ at: new Date(SENT.getTime() + 1_999) })).toEqual({
      machine: true,
      reason: "too_fast",
    })
    expect(open({ at: new Date(SENT.getTime() + 2_000) })).toEqual({ machine: false, reason: null })
  })

  it("does not judge speed when the send time is unknown", () => {
    expect(open({ sentAt: null, at: SENT })).toEqual({ machine: false, reason: null })
  })
})

describe("classifyClick", () => {
  it("counts a reader's click as human", () => {
    expect(click({})).toEqual({ machine: false, reason: null })
  })

  it("does not apply Apple's proxy rules, which only concern images", () => {
    expect(click({ ip: "17.58.1.2" })).toEqual({ machine: false, reason: null })
    expect(click({ ip: "::ffff:17.58.1.2", userAgent: "Mozilla/5.0" })).toEqual({
      machine: false,
      reason: null,
    })
  })

  it("flags link checkers and clicks too fast to be a person's", () => {
    expect(click({ userAgent: "Mozilla/5.0 (compatible; Mimecast URL Protect)" })).toEqual({
      machine: true,
      reason: "security_scanner",
    })
    expect(click({ userAgent: null })).toEqual({ machine: true, reason: "security_scanner" })
    expect(click({ at: new Date(SENT.getTime() + 500) })).toEqual({
      machine: true,
      reason: "too_fast",
    })
  })
})
