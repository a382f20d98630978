// Runs the built site's search worker in node, as the search box drives it: SETUP with
// search/search_index.json, then one QUERY per argument. Prints as JSON {items: {query:
// [[location, title, text, terms], …] per result group}, suggest: {query: suggestion or null},
// fetched: {query: files first fetched for it}}. Usage: node search_node.js SITE_DIR QUERY…
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")
const { pathToFileURL, fileURLToPath } = require("url")

const [site, ...queries] = process.argv.slice(2)
const workers = path.join(site, "assets", "javascripts", "workers")
const file = path.join(workers, fs.readdirSync(workers).find(name => /^search\..*\.min\.js$/.test(name)))
let listener = null
let reply = null
let fetched = []
const context = {
  URL, console, Math, JSON, Map, Set, Promise, Object, Array, String, Number, RegExp, TypeError,
  self: { location: { href: pathToFileURL(file).href } },
  addEventListener: (_, fn) => { listener = fn },
  postMessage: message => reply(message),
  fetch: async url => {
    const target = fileURLToPath(url)
    fetched.push(path.basename(target))
    const ok = fs.existsSync(target)
    return { ok, json: async () => JSON.parse(fs.readFileSync(target, "utf-8")) }
  }
}
vm.runInNewContext(fs.readFileSync(file, "utf-8"), context)
const send = message => new Promise(done => { reply = done; listener({ data: message }) })

;(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf-8"))
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: {} } })
  const out = { items: {}, suggest: {}, fetched: {} }
  for (const query of queries) {
    fetched = []
    const result = await send({ type: 2, data: query })
    out.fetched[query] = fetched
    out.items[query] = result.data.items.map(group => group.map(d => [d.location, d.title, d.text, d.terms]))
    out.suggest[query] = result.data.suggest ? result.data.suggest[0] : null
  }
  process.stdout.write(JSON.stringify(out))
})()
