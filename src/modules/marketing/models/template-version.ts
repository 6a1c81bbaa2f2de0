import { model } from "@medusajs/framework/utils"
import Template from "./template"

const TemplateVersion = model
  .define({ name: "TemplateVersion", tableName: "marketing_template_version" }, {
    id: model.id({ prefix: "mkt_tpv" }).primaryKey(),
    version: model.number(),
    subject: model.text(),
    preheader: model.text().nullable(),
    mjml: model.text(),
    /** Plain-text override; derived from the HTML when empty. */
    text: model.text().nullable(),
    from_name: model.text().nullable(),
    from_email: model.text().nullable(),
    reply_to: model.text().nullable(),
    /** MJML compiled once when the version is saved. */
    compiled_html: model.text(),
    template: model.belongsTo(() => Template, { mappedBy: "versions" }),
  })
  .indexes([{ on: ["template_id", "version"], unique: true }])

export default TemplateVersion
