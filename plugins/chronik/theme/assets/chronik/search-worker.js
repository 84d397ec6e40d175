/* Chronik's search worker: Material's search UI over a prefix-sharded index.
 *
 * Material's bundle starts this worker in place of its own (partials/search-config.html) and talks to
 * it with the same messages: SETUP with the index's config (search/search_index.json, which the
 * chronik-search plugin turned into a small manifest), READY, QUERY with the typed text, RESULT with
 * the result groups Material renders (.md-search-result list, keyboard, highlighting unchanged).
 *
 * A query fetches the token shards of its terms (search/shards/t/<n>.json: tokens by their first
 * three characters, or more where a shard would be large, each with the records holding it as record * 4 + where: 0 text, 1-3 a long to short title) and then only the record files of the results it
 * shows (search/shards/r/<n>.json, CHUNK records each), within a fixed budget of files.
 *
 * Words are folded exactly as plugins/chronik/search/shards.py folds them (fold below): lower case,
 * accents dropped, ä/ae/a alike, ß as ss. A term matches a token it equals, a longer token it begins
 * (typing "Hoff" finds "Hoffnungen"), or a shorter token plus a common German/English ending
 * ("Fabriken" finds "Fabrik", "Chinas" finds "China").
 */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var MAX_GROUPS = 30; // result pages at most
var PER_GROUP = 5; // matching records shown per page
var CHUNK_BUDGET = 64; // record files one query may fetch (about 5 KB each)
var SHORT_TERM_KB = 192; // token shards a two-letter term may load
var SAME_SECTION = 0.85; // a page's appeal for each page of its section already shown
var WHERE_WEIGHT = [1, 6, 8, 10]; // a hit in the text, in a long, a short, a one- or two-word title
var ENDINGS = ["s", "e", "n", "en", "er", "es", "em", "ern", "ens", "ed", "ing"];
var WORD = /([\p{L}\p{N}]+)|([^\p{L}\p{N}]+)/gu;

var base = new URL("../../search/", self.location.href);
var index = null; // {chunk, key, records, keys: Map, pages: number[], stop: Set}
var shards = new Map(); // file -> Promise of parsed JSON
var latest = 0;

function fold(word) {
  return word.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/ß/g, "ss")
    .replace(/([aou])e/g, "$1");
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/** How well a query term matches an index token: 1 equal, less for a prefix or an inflection, 0 not. */
function likeness(term, token) {
  if (token === term) return 1;
  if (token.startsWith(term)) return 0.5 + 0.4 * term.length / token.length;
  if (token.length >= 4 && term.startsWith(token) && ENDINGS.indexOf(term.slice(token.length)) >= 0) return 0.8;
  return 0;
}

function fetchJSON(path) {
  if (!shards.has(path)) {
    var request = fetch(new URL(path, base).href).then(function (response) {
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.json();
    });
    request.catch(function () { shards.delete(path); }); // a failed file may be fetched again later
    shards.set(path, request);
  }
  return shards.get(path);
}

function setup(config) {
  var meta = config && config.chronik;
  if (!meta) {
    index = null;
    console.warn("Chronik search: the search index is not sharded (is the chronik-search plugin on?)");
    return;
  }
  var pages = [];
  var at = 0;
  meta.pages.forEach(function (gap) { at += gap; pages.push(at); });
  var sections = [];
  meta.sections.forEach(function (run) { for (var i = 0; i < run[1]; i++) sections.push(run[0]); });
  index = {
    chunk: meta.chunk, key: meta.key, records: meta.records, pages: pages, sections: sections, sizes: meta.sizes,
    stop: new Set(meta.stop),
    keys: new Map(), // first characters -> [[key, file number], ...]
  };
  meta.keys.forEach(function (key, n) {
    var head = key.slice(0, meta.key);
    if (!index.keys.has(head)) index.keys.set(head, []);
    index.keys.get(head).push([key, n]);
  });
}

/** The query's terms: each word typed, lower case as shown to the reader and folded as indexed. */
function queryTerms(query) {
  var seen = new Set();
  var terms = [];
  (query.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
    var folded = fold(word);
    if (folded.length < 2 || seen.has(folded)) return;
    seen.add(folded);
    terms.push({ shown: word.toLowerCase(), folded: folded });
  });
  return terms;
}

/** One term's hits: Map of record number -> score, from the term's shard. */
function termHits(term, shard) {
  var hits = new Map();
  if (!shard) return hits;
  Object.keys(shard).forEach(function (token) {
    var like = likeness(term.folded, token);
    if (!like) return;
    var codes = shard[token];
    var rarity = Math.log(1 + index.records / codes.length);
    var code = 0;
    for (var i = 0; i < codes.length; i++) {
      code += codes[i];
      var record = code >> 2;
      var score = like * rarity * WHERE_WEIGHT[code & 3];
      if (!(hits.get(record) >= score)) hits.set(record, score);
    }
  });
  return hits;
}

/** Shards for a two-letter term (a word being typed): its own, then the smallest of those it begins,
 *  within SHORT_TERM_KB: "xq" finds "xq12" without loading every shard of "be…" on a large site. */
function shortTermKeys(t) {
  var own = [];
  var longer = [];
  index.keys.forEach(function (entries, head) {
    if (!head.startsWith(t)) return;
    entries.forEach(function (entry) { (entry[0] === t ? own : longer).push(entry); });
  });
  longer.sort(function (a, b) { return index.sizes[a[1]] - index.sizes[b[1]]; });
  var total = 0;
  return own.concat(longer.filter(function (entry) {
    total += index.sizes[entry[1]] || 0;
    return total <= SHORT_TERM_KB;
  }));
}

/** The term's tokens from every shard that may hold one: keys the term begins with, or (for a short
 *  term, of a shard split by more characters) keys that begin with the term. */
function shardFor(term) {
  var t = term.folded;
  var keys = t.length < index.key ? shortTermKeys(t) : (index.keys.get(t.slice(0, index.key)) || []).filter(
    function (entry) { return t.startsWith(entry[0]) || entry[0].startsWith(t); });
  return Promise.all(keys.map(function (entry) { return fetchJSON("shards/t/" + entry[1] + ".json"); }))
    .then(function (parts) { return parts.length ? Object.assign.apply(null, [{}].concat(parts)) : null; });
}

/** Records ranked by the number of terms they match, then by score. */
function rank(terms, hitsPerTerm) {
  var scored = new Map();
  hitsPerTerm.forEach(function (hits, t) {
    hits.forEach(function (score, record) {
      var entry = scored.get(record) || { record: record, score: 0, matched: new Array(terms.length).fill(false) };
      entry.score += score;
      entry.matched[t] = true;
      scored.set(record, entry);
    });
  });
  var ranked = Array.from(scored.values());
  ranked.forEach(function (entry) { entry.coverage = entry.matched.filter(Boolean).length; });
  ranked.sort(function (a, b) { return b.coverage - a.coverage || b.score - a.score || a.record - b.record; });
  return ranked;
}

/** The number of the page a record belongs to (pages start at the records in index.pages), or -1. */
function pageOf(record) {
  var low = 0;
  var high = index.pages.length - 1;
  var found = -1;
  while (low <= high) {
    var middle = (low + high) >> 1;
    if (index.pages[middle] <= record) { found = middle; low = middle + 1; } else high = middle - 1;
  }
  return found;
}

/** Every matching page with its best records, in rank order of its best record. */
function pageGroups(ranked) {
  var groups = new Map();
  ranked.forEach(function (entry) {
    var number = pageOf(entry.record);
    var group = groups.get(number);
    if (!group) {
      var page = number < 0 ? entry.record : index.pages[number];
      group = { page: page, section: number < 0 ? "" : index.sections[number], best: entry, entries: [] };
      groups.set(number, group);
    }
    if (group.entries.length < PER_GROUP) group.entries.push(entry);
  });
  return Array.from(groups.values());
}

/** Up to MAX_GROUPS groups, best first, each further page of the same section (timeline/, entities/,
 *  sources/ …) a little less attractive: ten year pages full of equal hits leave room for the entity
 *  and the article sentences that match as well. */
function diversify(groups, chunks) {
  var taken = new Map();
  var chosen = [];
  var remaining = groups.slice(0, 20 * MAX_GROUPS);
  while (chosen.length < MAX_GROUPS && remaining.length) {
    var best = -1;
    var bestValue = 0;
    remaining.forEach(function (group, i) {
      var value = group.best.coverage * 1e6 + group.best.score * Math.pow(SAME_SECTION, taken.get(group.section) || 0);
      if (best < 0 || value > bestValue) { best = i; bestValue = value; }
    });
    var group = remaining.splice(best, 1)[0];
    taken.set(group.section, (taken.get(group.section) || 0) + 1);
    chosen.push(group);
  }
  return chosen;
}

/** The groups to show and the record files they need, within CHUNK_BUDGET files. */
function withinBudget(groups) {
  var files = new Set();
  var chosen = [];
  var chunkOf = function (record) { return Math.floor(record / index.chunk); };
  for (var group of groups) {
    var wanted = new Set([group.page].concat(group.entries.map(function (e) { return e.record; })).map(chunkOf));
    var added = Array.from(wanted).filter(function (file) { return !files.has(file); });
    if (files.size + added.length > CHUNK_BUDGET) {
      group.entries = group.entries.slice(0, 1);
      added = Array.from(new Set([chunkOf(group.page), chunkOf(group.entries[0].record)]))
        .filter(function (file) { return !files.has(file); });
      if (files.size + added.length > CHUNK_BUDGET) break;
    }
    added.forEach(function (file) { files.add(file); });
    chosen.push(group);
  }
  return { groups: chosen, files: Array.from(files) };
}

function record(chunks, number) {
  return chunks.get(Math.floor(number / index.chunk))[number % index.chunk];
}

function highlight(text, folded) {
  return text.normalize("NFC").replace(WORD, function (all, word, other) {
    if (other) return escapeHTML(other);
    var token = fold(word);
    var hit = folded.some(function (term) { return likeness(term, token) > 0; });
    return hit ? "<mark>" + escapeHTML(word) + "</mark>" : escapeHTML(word);
  });
}

/** One of Material's search items from a record. */
function item(row, entry, terms, isArticle) {
  var folded = terms.map(function (t) { return t.folded; });
  var location = row[0];
  // A page's later text pieces link to the page's top: only its first record is the article.
  if (!isArticle && location.indexOf("#") < 0) location += "#";
  var found = {};
  terms.forEach(function (t, i) { found[t.shown] = !!(entry && entry.matched[i]); });
  return {
    location: location,
    title: highlight(row[1], folded),
    text: row[2] ? "<p>" + highlight(row[2], folded) + "</p>" : "",
    score: entry ? entry.score : 0,
    terms: entry ? found : {},
  };
}

function items(groups, chunks, terms) {
  return groups.map(function (group) {
    var list = [];
    var hasArticle = false;
    group.entries.forEach(function (entry) {
      var isArticle = entry.record === group.page;
      hasArticle = hasArticle || isArticle;
      list.push(item(record(chunks, entry.record), entry, terms, isArticle));
    });
    if (!hasArticle) list.push(item(record(chunks, group.page), null, terms, true));
    return list;
  });
}

async function search(query) {
  if (!index) return { items: [] };
  var terms = queryTerms(query);
  if (!terms.length) return { items: [] };
  var loaded = await Promise.all(terms.map(shardFor));
  var hitsPerTerm = terms.map(function (term, i) { return termHits(term, loaded[i]); });
  // Stop words (too common to index) find nothing: leave them out rather than report them missing.
  var kept = terms.map(function (_, i) { return i; }).filter(function (i) {
    return hitsPerTerm[i].size || !index.stop.has(terms[i].folded);
  });
  terms = kept.map(function (i) { return terms[i]; });
  hitsPerTerm = kept.map(function (i) { return hitsPerTerm[i]; });
  var chosen = withinBudget(diversify(pageGroups(rank(terms, hitsPerTerm))));
  var files = await Promise.all(chosen.files.map(function (n) { return fetchJSON("shards/r/" + n + ".json"); }));
  var chunks = new Map(chosen.files.map(function (n, i) { return [n, files[i]]; }));
  return { items: items(chosen.groups, chunks, terms) };
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setup(message.data.config);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var turn = ++latest;
    search(String(message.data || "")).then(function (result) {
      if (turn === latest) postMessage({ type: RESULT, data: result });
    }, function (error) {
      console.warn("Chronik search: " + error);
      if (turn === latest) postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
