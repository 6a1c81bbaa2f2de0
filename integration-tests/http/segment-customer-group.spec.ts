import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refreshSegmentsWorkflow } from "../../src/workflows/segments"
import { adminHeaders, registerCustomer } from "../helpers/auth"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { until } from "../helpers/until"

jest.setTimeout(240_000)

const named = (first_name: string) => ({
  type: "group",
  match: "all",
  rules: [{ type: "field", field: "first_name", operator: "eq", value: first_name }],
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let fixture: StoreFixture

    beforeEach(async () => {
      admin = await adminHeaders(api, getContainer())
      fixture = await createStoreFixture(getContainer())
    })

    const groupMembers = async (groupId: string) => {
      const { data } = await api.get(`/admin/customer-groups/${groupId}?fields=id,name,customers.email`, admin)
      return {
        name: data.customer_group.name as string,
        emails: (data.customer_group.customers as { email: string }[]).map((c) => c.email).sort(),
      }
    }

    it("keeps a Medusa customer group in step with the segment: adds, removes, renames and deletes it", async () => {
      const vera = await registerCustomer(api, fixture.publishableKey, { email: "vera@example.com", first_name: "Vera" })
      const bob = await registerCustomer(api, fixture.publishableKey, { email: "bob@example.com", first_name: "Bob" })
      // A subscriber without an account matches too, but has no customer to add.
      await api.post(
        "/store/marketing/subscribe",
        { email: "guest-vera@example.com", first_name: "Vera" },
        { headers: { "x-publishable-api-key": fixture.publishableKey } }
      )

      const { data: created } = await api.post(
        "/admin/marketing/segments",
        { name: "Veras", rules: named("Vera"), sync_customer_group: true },
        admin
      )
      const groupId = created.segment.customer_group_id
      expect(groupId).toEqual(expect.stringMatching(/^cusgroup_/))
      expect(await groupMembers(groupId)).toEqual({ name: "Segment: Veras", emails: ["vera@example.com"] })

      // Events move people in and out of the group, not only saves.
      await api.post(`/admin/customers/${vera.id}`, { first_name: "Veronica" }, admin)
      await until(() => groupMembers(groupId), (g) => g.emails.length === 0, "Vera to leave the group")
      await api.post(`/admin/customers/${bob.id}`, { first_name: "Vera" }, admin)
      await until(() => groupMembers(groupId), (g) => g.emails.join() === "bob@example.com", "Bob to join the group")

      // New rules and a new name reach the group when the segment is saved.
      await api.post(
        `/admin/marketing/segments/${created.segment.id}`,
        {
          name: "V names",
          rules: { type: "group", match: "all", rules: [{ type: "field", field: "first_name", operator: "starts_with", value: "V" }] },
        },
        admin
      )
      expect(await groupMembers(groupId)).toEqual({
        name: "Segment: V names",
        emails: ["bob@example.com", "vera@example.com"],
      })

      await api.delete(`/admin/marketing/segments/${created.segment.id}`, admin)
      const gone = await api.get(`/admin/customer-groups/${groupId}`, admin).catch((e: any) => e.response)
      expect(gone.status).toEqual(404)
    })

    it("stops syncing when switched off, and a group deleted in the admin comes back on the next refresh", async () => {
      await registerCustomer(api, fixture.publishableKey, { email: "vera@example.com", first_name: "Vera" })
      const { data: created } = await api.post(
        "/admin/marketing/segments",
        { name: "Veras", rules: named("Vera"), sync_customer_group: true },
        admin
      )
      const firstGroup = created.segment.customer_group_id

      await api.delete(`/admin/customer-groups/${firstGroup}`, admin)
      await refreshSegmentsWorkflow(getContainer()).run({ input: {} })
      const { data: refreshed } = await api.get(`/admin/marketing/segments/${created.segment.id}`, admin)
      const secondGroup = refreshed.segment.customer_group_id
      expect(secondGroup).not.toEqual(firstGroup)
      expect(await groupMembers(secondGroup)).toEqual({ name: "Segment: Veras", emails: ["vera@example.com"] })

      await api.post(`/admin/marketing/segments/${created.segment.id}`, { sync_customer_group: false }, admin)
      const late = await registerCustomer(api, fixture.publishableKey, { email: "late@example.com", first_name: "Vera" })
      const { data: members } = await until(
        () => api.get(`/admin/marketing/segments/${created.segment.id}/members`, admin),
        (res: any) => res.data.count === 2,
        "the late customer to join the segment"
      )
      expect(members.members.map((m: { email: string }) => m.email)).toContain(late.email)
      // The group keeps what it had: promotions aimed at it keep working, and nothing is added.
      expect(await groupMembers(secondGroup)).toEqual({ name: "Segment: Veras", emails: ["vera@example.com"] })
    })

    it("names the group apart when a group of that name already exists", async () => {
      await api.post("/admin/customer-groups", { name: "Segment: Veras" }, admin)
      const { data: created } = await api.post(
        "/admin/marketing/segments",
        { name: "Veras", rules: named("Vera"), sync_customer_group: true },
        admin
      )
      const { name } = await groupMembers(created.segment.customer_group_id)
      expect(name).toEqual(`Segment: Veras (${created.segment.id})`)
    })
  },
})
