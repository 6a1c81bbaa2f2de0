import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { installStarterTemplates } from "../../src/workflows/templates"
import { adminHeaders } from "../helpers/auth"

jest.setTimeout(180_000)

const mjml = (body: string) => `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
${body}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`

const welcome = {
  name: "Spring launch",
  content: {
    subject: "Welcome, {{ contact.first_name }}",
    preheader: "Glad you are here",
    mjml: mjml(`        <mj-text>Hello {{ contact.first_name }}!</mj-text>`),
  },
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await adminHeaders(api, getContainer())
    })

    const fail = (promise: Promise<any>) => promise.catch((e: any) => e.response)

    it("creates a template with a compiled first version and lists it", async () => {
      const created = await api.post("/admin/marketing/templates", welcome, admin)
      expect(created.status).toEqual(201)
      const { template } = created.data
      expect(template).toEqual(
        expect.objectContaining({ name: "Spring launch", transactional: false, latest_version: 1 })
      )
      expect(template.versions).toEqual([
        expect.objectContaining({ version: 1, subject: "Welcome, {{ contact.first_name }}" }),
      ])
      expect(template.versions[0].compiled_html).toContain("Hello {{ contact.first_name }}!")
      expect(template.versions[0].compiled_html).toMatch(/^<!doctype html>/i)

      const list = await api.get("/admin/marketing/templates?q=spring", admin)
      expect(list.data).toEqual(
        expect.objectContaining({
          count: 1,
          templates: [expect.objectContaining({ id: template.id, latest_version: 1 })],
        })
      )
    })

    it("refuses invalid MJML or Liquid with 400 naming the part and line, storing nothing", async () => {
      const badMjml = await fail(
        api.post(
          "/admin/marketing/templates",
          {
            ...welcome,
            content: {
              ...welcome.content,
              mjml: mjml(`        <mj-text>ok</mj-text>\n        <mj-bogus>no</mj-bogus>`),
            },
          },
          admin
        )
      )
      expect(badMjml.status).toEqual(400)
      expect(badMjml.data.message).toContain("mjml line 6")
      expect(badMjml.data.message).toContain("mj-bogus")

      const badLiquid = await fail(
        api.post(
          "/admin/marketing/templates",
          { ...welcome, content: { ...welcome.content, subject: "Hi {{ contact.first_name" } },
          admin
        )
      )
      expect(badLiquid.status).toEqual(400)
      expect(badLiquid.data.message).toContain("subject line 1")

      const include = await fail(
        api.post(
          "/admin/marketing/templates",
          {
            ...welcome,
            content: { ...welcome.content, mjml: mjml(`        <mj-text>{% include 'x' %}</mj-text>`) },
          },
          admin
        )
      )
      expect(include.status).toEqual(400)
      expect(include.data.message).toContain("include")

      const unknownField = await fail(
        api.post("/admin/marketing/templates", { ...welcome, html: "<p>" }, admin)
      )
      expect(unknownField.status).toEqual(400)
      expect(unknownField.data.message).toContain("html")

      const marketing: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      // The starter templates the app installs after boot are not the test's.
      expect(await marketing.listTemplates({ starter_key: null })).toEqual([])
    })

    it("editing content publishes a new version and keeps the old one; bad edits change nothing", async () => {
      const {
        data: { template },
      } = await api.post("/admin/marketing/templates", welcome, admin)

      const edited = await api.post(
        `/admin/marketing/templates/${template.id}`,
        { name: "Welcome 2", content: { ...welcome.content, subject: "Hi again {{ contact.first_name }}" } },
        admin
      )
      expect(edited.data.template.name).toEqual("Welcome 2")
      expect(edited.data.template.versions.map((v: any) => [v.version, v.subject])).toEqual([
        [2, "Hi again {{ contact.first_name }}"],
        [1, "Welcome, {{ contact.first_name }}"],
      ])

      const rejected = await fail(
        api.post(
          `/admin/marketing/templates/${template.id}`,
          { name: "Broken", content: { ...welcome.content, mjml: "<mjml><mj-body><mj-nope/></mj-body></mjml>" } },
          admin
        )
      )
      expect(rejected.status).toEqual(400)
      const after = await api.get(`/admin/marketing/templates/${template.id}`, admin)
      expect(after.data.template).toEqual(
        expect.objectContaining({ name: "Welcome 2", latest_version: 2 })
      )
      expect(after.data.template.versions).toHaveLength(2)

      // Only a topic the preference page offers, so recipients can leave it.
      const unknownTopic = await fail(api.post(`/admin/marketing/templates/${template.id}`, { topic: "nosuchtopic" }, admin))
      expect([unknownTopic.status, unknownTopic.data.message]).toEqual([400, expect.stringContaining("topic")])
      const created = await fail(api.post("/admin/marketing/templates", { ...welcome, topic: "nosuchtopic" }, admin))
      expect(created.status).toEqual(400)
      const offers = await api.post(`/admin/marketing/templates/${template.id}`, { topic: "offers" }, admin)
      expect(offers.data.template.topic).toEqual("offers")

      const missing = await fail(
        api.post("/admin/marketing/templates/mkt_tpl_missing", { name: "x" }, admin)
      )
      expect(missing.status).toEqual(404)
    })

    it("previews with sample data, a real contact, an older version or unsaved content, escaping names", async () => {
      const {
        data: { template },
      } = await api.post("/admin/marketing/templates", welcome, admin)
      await api.post(
        `/admin/marketing/templates/${template.id}`,
        { content: { ...welcome.content, subject: "v2 for {{ contact.first_name }}" } },
        admin
      )
      const marketing: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      const [{ contact }] = await marketing.upsertContacts([
        { email: "x@example.com", first_name: "<script>alert(1)</script>" },
      ])

      const sample = await api.post(`/admin/marketing/templates/${template.id}/preview`, {}, admin)
      expect(sample.data.preview.subject).toEqual("v2 for Ana")
      expect(sample.data.preview.html).toContain("Hello Ana!")
      expect(sample.data.preview.text).toContain("Hello Ana!")

      const real = await api.post(
        `/admin/marketing/templates/${template.id}/preview`,
        { contact_id: contact.id, version: 1 },
        admin
      )
      expect(real.data.preview.subject).toEqual("Welcome, <script>alert(1)</script>")
      expect(real.data.preview.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;!")
      expect(real.data.preview.html).not.toContain("<script>alert(1)</script>")

      const draft = await api.post(
        `/admin/marketing/templates/${template.id}/preview`,
        { content: { ...welcome.content, mjml: mjml(`        <mj-text>Draft for {{ contact.first_name }}</mj-text>`) } },
        admin
      )
      expect(draft.data.preview.html).toContain("Draft for Ana")

      const noVersion = await fail(
        api.post(`/admin/marketing/templates/${template.id}/preview`, { version: 9 }, admin)
      )
      expect(noVersion.status).toEqual(404)
    })

    it("deletes a template nothing needs, refusing while a flow, an unsent campaign or a waiting email does", async () => {
      const container = getContainer()
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
      const { template } = (await api.post("/admin/marketing/templates", welcome, admin)).data
      const [{ contact }] = await marketing.upsertContacts([{ email: "ada@example.com", first_name: "Ada" }])
      const remove = () => fail(api.delete(`/admin/marketing/templates/${template.id}`, admin))

      // A draft flow sends it.
      const flow = (
        await api.post(
          "/admin/marketing/flows",
          {
            name: "Hello flow",
            definition: {
              trigger: { type: "event", event: "customer.created" },
              reentry: "once",
              entry: "hello",
              steps: { hello: { type: "send_email", template_id: template.id } },
            },
          },
          admin
        )
      ).data.flow
      const byFlow = await remove()
      expect([byFlow.status, byFlow.data.message]).toEqual([400, expect.stringContaining('flow "Hello flow"')])
      await api.delete(`/admin/marketing/flows/${flow.id}`, admin)

      // An A/B variant of a draft campaign sends it.
      const [campaign] = await marketing.createCampaigns([
        {
          name: "Spring sale",
          template_id: "mkt_tpl_other",
          segment_ids: [] as unknown as Record<string, unknown>,
          ab_test: { variants: [{ key: "a" }, { key: "b", template_id: template.id }], sample_percent: 20, metric: "clicks", decide_after_hours: 4 },
        },
      ])
      const byCampaign = await remove()
      expect([byCampaign.status, byCampaign.data.message]).toEqual([400, expect.stringContaining('campaign "Spring sale"')])
      await marketing.updateCampaigns({ id: campaign.id, status: "sent" })

      // One of its emails waits in the outbox.
      const versionId = template.versions[0].id
      const message = (id: string) => ({ contact_id: contact.id, template_version_id: versionId, to_email: contact.email, reason_type: "test", idempotency_key: id })
      const [sent] = await marketing.enqueueMessages([message("delete-test:sent")])
      await marketing.updateMessages({ id: sent.id, status: "sent", sent_at: new Date() })
      const [waiting] = await marketing.enqueueMessages([{ ...message("delete-test:waiting"), send_after: new Date(Date.now() + 86_400_000) }])
      const byOutbox = await remove()
      expect([byOutbox.status, byOutbox.data.message]).toEqual([400, expect.stringContaining("1 email waiting to go out")])
      expect((await api.get(`/admin/marketing/templates/${template.id}`, admin)).status).toEqual(200)
      await marketing.updateMessages({ id: waiting.id, status: "sent", sent_at: new Date() })

      const deleted = await api.delete(`/admin/marketing/templates/${template.id}`, admin)
      expect(deleted.data).toEqual({ id: template.id, object: "template", deleted: true })
      expect((await fail(api.get(`/admin/marketing/templates/${template.id}`, admin))).status).toEqual(404)
      expect((await api.get("/admin/marketing/templates?q=spring", admin)).data.count).toEqual(0)
      // What was sent from it keeps its history, and still renders.
      const history = (await api.get(`/admin/marketing/messages/${sent.id}`, admin)).data
      expect(history.message.template).toEqual({ id: template.id, name: "Spring launch", version: 1 })
      expect(history.rendered.subject).toEqual("Welcome, Ada")
      expect((await fail(api.delete(`/admin/marketing/templates/${template.id}`, admin))).status).toEqual(404)
    })

    it("refuses to remove a settings topic a template still sends under, naming the template", async () => {
      const defaults = (await api.get("/admin/marketing/settings", admin)).data.settings.topics
      const vip = { key: "vip", name: "VIP previews" }
      await api.post("/admin/marketing/settings", { topics: [...defaults, vip] }, admin)
      const { template } = (await api.post("/admin/marketing/templates", { ...welcome, topic: "vip" }, admin)).data

      const removing = await fail(api.post("/admin/marketing/settings", { topics: defaults }, admin))
      expect([removing.status, removing.data.message]).toEqual([
        400,
        expect.stringContaining('topics: still used by templates ("vip" by "Spring launch")'),
      ])
      const stored = (await api.get("/admin/marketing/settings", admin)).data.settings.topics
      expect(stored.map((topic: { key: string }) => topic.key)).toContain("vip")

      await api.post(`/admin/marketing/templates/${template.id}`, { topic: null }, admin)
      const removed = await api.post("/admin/marketing/settings", { topics: defaults }, admin)
      expect(removed.data.settings.topics.map((topic: { key: string }) => topic.key)).not.toContain("vip")
    })

    it("keeps the double opt-in confirmation, and a deleted starter stays deleted", async () => {
      const container = getContainer()
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
      const starters = await installStarterTemplates(container)
      const confirmation = await fail(api.delete(`/admin/marketing/templates/${starters.get("double_opt_in")}`, admin))
      expect([confirmation.status, confirmation.data.message]).toEqual([400, expect.stringContaining("double opt-in")])

      const birthday = starters.get("birthday")!
      expect((await api.delete(`/admin/marketing/templates/${birthday}`, admin)).status).toEqual(200)
      const again = await installStarterTemplates(container)
      expect(again.get("birthday")).toEqual(birthday)
      expect(await marketing.listTemplates({ starter_key: "birthday" })).toEqual([])
    })

    it("answers 401 without an admin", async () => {
      for (const [method, url] of [
        ["get", "/admin/marketing/templates"],
        ["post", "/admin/marketing/templates"],
        ["get", "/admin/marketing/templates/mkt_tpl_x"],
        ["delete", "/admin/marketing/templates/mkt_tpl_x"],
        ["post", "/admin/marketing/templates/mkt_tpl_x/preview"],
      ]) {
        const response = await fail((api as any)[method](url, ...(method === "post" ? [{}] : [])))
        expect([url, response.status]).toEqual([url, 401])
      }
    })
  },
})
