/*
 * Notesite's search worker, in place of Material's: the same messages (SETUP → READY, QUERY →
 * RESULT) and result items, so Material's search box, keyboard shortcuts, result list and
 * highlighting work as before; the index is the one hooks/notesite/publish/search_index.py writes, fetched
 * a few small files per query instead of one file holding the whole site.
 *
 * Terms are made as in search_index.py (keep the two in step): NFKC, lower case, traditional
 * characters mapped to simplified; Chinese runs as character pairs, single characters from titles;
 * Latin runs as words, found by prefix.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}"
const TOKEN = new RegExp(`([${HAN}]+)|((?:(?![${HAN}])[\\p{L}\\p{N}])+)`, "gu")
const PAGES_LISTED = 20     // pages returned for one query
const NOTE_PAGES_LISTED = 4 // pages of one note listed together under it
const FOLLOW = 0.6          // share of a note's best score a page needs to be listed under it
const EXCERPT = 160         // characters of an excerpt, about a sentence or two
const PREFIX_WEIGHT = 0.6   // a Latin word found by its beginning, against found whole
const LONG_RUN = 8          // characters of a Chinese run beyond which its pairs don't overlap
const MAX_PAIRS = 12        // pairs asked for one run: each may be another file to fetch

let manifest = null
let base = null
let latest = 0
const files = new Map()

function expand(deltas) {
  const out = []
  let value = 0
  for (const delta of deltas) out.push(value += delta)
  return out
}

function setup(config) {
  const m = config.notesite
  const t2s = new Map()
  const chars = [...m.t2s]
  for (let i = 0; i + 1 < chars.length; i += 2) t2s.set(chars[i], chars[i + 1])
  manifest = {
    docs: m.docs, shards: m.shards, pages: expand(m.pages), chunks: expand(m.chunks), t2s,
    runs: expand(m.runs || [0]), site: new Set(expand(m.site || []))
  }
}

function load(name) {
  if (!files.has(name))
    files.set(name, fetch(new URL(`${name}.json`, base)).then(r => r.ok ? r.json() : {}).catch(() => ({})))
  return files.get(name)
}

/* The form terms are compared in, one character at a time so positions stay those of `text`. */
function fold(char) {
  const mapped = manifest.t2s.get(char)
  if (mapped) return mapped
  const lower = char.normalize("NFKC").toLowerCase()
  return [...lower].length === 1 ? lower : char.toLowerCase()
}

function normalize(text) {
  return [...text.normalize("NFKC").toLowerCase()].map(c => manifest.t2s.get(c) || c).join("")
}

/* A query's runs: each Chinese run with its pairs, each Latin word. */
function parse(query) {
  const runs = []
  for (const match of normalize(query).matchAll(TOKEN)) {
    if (match[1]) {
      runs.push({ text: match[1], grams: pairs([...match[1]]), han: true })
    } else {
      runs.push({ text: match[2], grams: [match[2]], han: false })
    }
  }
  return runs
}

/* A Chinese run's pairs; a long run (a pasted sentence) by pairs side by side, which still cover
   every character, so that it fetches half the files. */
function pairs(chars) {
  if (chars.length === 1) return chars
  const step = chars.length > LONG_RUN ? 2 : 1
  const found = []
  for (let i = 0; i + 1 < chars.length; i += step) found.push(chars[i] + chars[i + 1])
  if (step === 2 && chars.length % 2) found.push(chars[chars.length - 2] + chars[chars.length - 1])
  return found.slice(0, MAX_PAIRS)
}

function hanShard(term) {
  let value = 0
  for (const char of term) value = (Math.imul(value, 31) + char.codePointAt(0)) >>> 0
  return value % manifest.shards
}

function fileOf(gram, han) {
  if (han) return `h-${hanShard(gram)}`
  return "l-" + [...gram].slice(0, 2).map(c => c.codePointAt(0).toString(16)).join("_")
}

function idf(df) {
  return Math.log(1 + (manifest.docs - df + 0.5) / (df + 0.5))
}

/* doc → weight of one gram: postings decoded, a Latin word also by the words it begins. */
function postings(gram, han, shard) {
  const found = new Map()
  const add = (list, weight) => {
    const w = idf(list.length / 2) * weight
    let doc = 0
    for (let i = 0; i < list.length; i += 2) {
      doc += list[i]
      found.set(doc, Math.max(found.get(doc) || 0, list[i + 1] * w))
    }
  }
  if (shard[gram]) add(shard[gram], 1)
  if (!han && [...gram].length >= 2)
    for (const term of Object.keys(shard))
      if (term !== gram && term.startsWith(gram)) add(shard[term], PREFIX_WEIGHT)
  return found
}

function bisect(starts, doc) {
  let lo = 0, hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= doc) lo = mid; else hi = mid - 1
  }
  return lo
}

async function record(doc) {
  const chunk = bisect(manifest.chunks, doc)
  const records = await load(`d-${chunk}`)
  const offset = doc - manifest.chunks[chunk]
  const [location, title, text] = records[offset]
  let i = offset
  while (i > 0 && records[i][3] === "" && records[i][4] === "" && records[i][5] === "") i--
  const [, , , pageTitle, noteTitle, kind] = records[i]
  return { location, title, text, pageTitle, noteTitle, kind }
}

function escape(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* Where the query's runs (or, failing that, their pairs) stand in `text`. */
function ranges(text, runs) {
  const chars = [...text]
  const folded = chars.map(fold).join("")
  const found = []
  const seek = needle => {
    let at = folded.indexOf(needle)
    while (at >= 0 && needle) {
      found.push([at, at + needle.length])
      at = folded.indexOf(needle, at + needle.length)
    }
  }
  for (const run of runs) {
    const before = found.length
    seek(run.text)
    if (found.length === before && run.han) for (const gram of run.grams) seek(gram)
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged = []
  for (const r of found)
    if (merged.length && r[0] <= merged[merged.length - 1][1])
      merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], r[1])
    else merged.push([...r])
  return { folded, merged }
}

function mark(text, runs) {
  // `folded` has one UTF-16 unit per unit of `text` for every character fold() keeps in place.
  const { folded, merged } = ranges(text, runs)
  if (folded.length !== text.length) return escape(text)
  let out = "", at = 0
  for (const [start, end] of merged) {
    out += escape(text.slice(at, start)) + `<mark>${escape(text.slice(start, end))}</mark>`
    at = end
  }
  return out + escape(text.slice(at))
}

const STOPS = "。！？；.!?;"

/* The sentence(s) around the first match in `text`; "" when nothing in it matches. */
function excerpt(text, runs) {
  const { merged } = ranges(text, runs)
  if (!merged.length) return ""
  const [at, end] = merged[0]
  const head = text.slice(Math.max(0, at - EXCERPT / 2), at)
  const stop = Math.max(...[...STOPS].map(c => head.lastIndexOf(c)))
  const start = stop >= 0 ? at - head.length + stop + 1 : Math.max(0, at - EXCERPT / 3)
  return cut(text, start, end)
}

/* `text` from `start` to the end of a sentence past `least`, when one ends soon enough. */
function cut(text, start, least = start) {
  const limit = Math.max(start + EXCERPT, least + 20)
  let stop = -1
  for (const c of STOPS) {
    const found = text.indexOf(c, least)
    if (found >= 0 && found < limit && (stop < 0 || found < stop)) stop = found
  }
  const finish = stop >= 0 ? stop + 1 : Math.min(text.length, limit)
  return { start, text: text.slice(start, finish) }
}

/* A listed page's excerpt: around the match in the best of its docs whose text holds one, else
   the beginning of its text (the query was found in a title); "…" where the text goes on. */
async function pageExcerpt(page, runs) {
  const found = []
  for (const { doc } of page.docs) found.push(await record(doc))
  found.push(await record(page.page))
  let shown = null, whole = ""
  for (const doc of found) {
    shown = excerpt(doc.text, runs)
    if (shown) { whole = doc.text; break }
  }
  if (!shown) {
    whole = (found.find(doc => doc.text) || { text: "" }).text
    shown = cut(whole, 0)
  }
  const text = shown.text.trim()
  if (!text) return ""
  return (shown.start > 0 ? "…" : "") + text + (shown.start + shown.text.length < whole.length ? "…" : "")
}

async function search(query) {
  const runs = parse(query)
  if (!runs.length) return { items: [] }
  const names = [...new Set(runs.flatMap(run => run.grams.map(g => fileOf(g, run.han))))]
  const shards = new Map(await Promise.all(names.map(async name => [name, await load(name)])))

  // For each run, each doc's weight and the share of the run's pairs it holds.
  const docs = new Map()
  runs.forEach((run, r) => {
    for (const gram of run.grams) {
      for (const [doc, weight] of postings(gram, run.han, shards.get(fileOf(gram, run.han)))) {
        let entry = docs.get(doc)
        if (!entry) docs.set(doc, entry = runs.map(() => ({ weight: 0, found: 0 })))
        entry[r].weight += weight
        entry[r].found += 1 / run.grams.length
      }
    }
  })

  // Docs holding at least half of the query; when none does (a typo), those holding any of it.
  const shares = new Map([...docs].map(([doc, entry]) => [doc, entry.reduce((sum, e) => sum + e.found, 0) / runs.length]))
  const floor = [...shares.values()].some(share => share >= 0.5) ? 0.5 : 0
  const pages = new Map()
  for (const [doc, entry] of docs) {
    const share = shares.get(doc)
    if (share < floor) continue
    const score = entry.reduce((sum, e) => sum + e.weight * e.found * e.found, 0) * share * share
    const page = manifest.pages[bisect(manifest.pages, doc)]
    const seen = pages.get(page) || { page, docs: [], terms: runs.map(() => false) }
    seen.docs.push({ doc, score, terms: entry.map(e => e.found >= 0.5) })
    entry.forEach((e, r) => { if (e.found >= 0.5) seen.terms[r] = true })
    pages.set(page, seen)
  }
  for (const page of pages.values()) {
    page.docs.sort((a, b) => b.score - a.score)
    page.score = page.docs[0].score + 0.3 * (page.docs[1] ? page.docs[1].score : 0)
    page.run = bisect(manifest.runs, bisect(manifest.pages, page.page))
  }
  // A note's pages together under its best one, when they score near it (a page far below is
  // listed where its score puts it, so another note's best page is not pushed down the list);
  // site pages (home, tags, review) after the notes.
  const groups = [], open = new Map()
  for (const page of [...pages.values()].sort((a, b) => b.score - a.score)) {
    const group = open.get(page.run)
    if (group && group.length < NOTE_PAGES_LISTED && page.score >= FOLLOW * group[0].score) {
      group.push(page)
    } else {
      open.set(page.run, [page])
      groups.push(open.get(page.run))
    }
  }
  const site = run => manifest.site.has(run) ? 1 : 0
  const best = groups.sort((a, b) => site(a[0].run) - site(b[0].run)).flat().slice(0, PAGES_LISTED)

  // One result per page: its own title, its note named quietly beside it, an excerpt of its text.
  // A page after another of its note says so, and is shown under it.
  const termsOf = flags => Object.fromEntries(runs.map((run, r) => [run.text, flags[r]]))
  const items = await Promise.all(best.map(async (page, i) => {
    const article = await record(page.page)
    const text = await pageExcerpt(page, runs)
    const same = i > 0 && best[i - 1].run === page.run && !site(page.run)
    let title = `<span class="ns-result__title">${mark(article.pageTitle, runs)}</span>`
    if (article.noteTitle && article.noteTitle !== article.pageTitle)
      title += ` <small class="ns-result__note">${escape(article.noteTitle)}</small>`
    if (same) title += '<span class="ns-result__same" hidden></span>'
    return [{
      location: article.location,
      title,
      text: text ? `<p class="ns-result__excerpt">${mark(text, runs)}</p>` : "",
      score: page.score,
      terms: termsOf(page.terms)
    }]
  }))
  const suggest = completion(runs[runs.length - 1], shards)
  return suggest ? { items, suggest: [suggest] } : { items }
}

/* The word a Latin query's last word most often begins, for Material's greyed-out suggestion. */
function completion(run, shards) {
  if (run.han || [...run.text].length < 2) return null
  let best = null, count = 0
  for (const [term, list] of Object.entries(shards.get(fileOf(run.text, false))))
    if (term !== run.text && term.startsWith(run.text) && list.length > count) [best, count] = [term, list.length]
  return best
}

async function handle(message) {
  switch (message.type) {
    case SETUP:
      setup(message.data.config)
      return { type: READY }
    case QUERY: {
      const seq = ++latest
      try {
        const data = await search(message.data)
        return seq === latest ? { type: RESULT, data } : null
      } catch (error) {
        console.warn(`search failed for ${JSON.stringify(message.data)}`, error)
        return { type: RESULT, data: { items: [] } }
      }
    }
    default:
      throw new TypeError("Invalid message type")
  }
}

base = new URL("../../../search/", self.location.href)
addEventListener("message", async event => {
  const reply = await handle(event.data)
  if (reply) postMessage(reply)
})
