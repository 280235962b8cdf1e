/* The search engine of the manual, in the browser: scripts/tism/engine.py written again in
 * JavaScript, step for step, over the same search data (tism.searchdata). The tests run both on
 * every judged query and require the same ranking, so a change there is a change here.
 * No dependencies, no network: it reads window.TISM_SEARCH_DATA (assets/tism/search-data.js). */
(function (root) {
  "use strict";

  var MARK_START = "\u0002", MARK_END = "\u0003";
  var MAX_QUERY_CHARS = 500, MAX_QUERY_WORDS = 32, MAX_WILDCARDS = 4;
  var SHORT_VARIANT = 3;  // a glossary variant of one Latin-letter word this short expands only when typed alone
  var OPERATORS = { AND: 1, OR: 1, NOT: 1, ANDNOT: 1, ANDMAYBE: 1 };
  var STANDARD_ID = /^([A-Za-z]{2}-\d{3})(\.\d{2})?$/;
  var WORD = /[\p{L}\p{N}_\u0300-\u036f\u0980-\u09ff\u200c\u200d]+/gu;
  var TOKEN = /"[^"]*"|[^\s"]+/g;

  function SearchError(message) { this.message = message; }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function normalise(text) {
    return text.normalize("NFC").replace(/[\u200c\u200d]/g, "").toLowerCase();
  }

  function words(text) {
    var found = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var word = normalise(match[0]);
      if (word) found.push([match.index, match.index + match[0].length, word]);
    }
    return found;
  }

  function plainWords(text) { return words(text).map(function (w) { return w[2]; }); }

  function isBengali(word) { return /[\u0980-\u09ff]/.test(word); }

  function bengaliStem(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i];
      if (word.endsWith(suffix) && word.length - suffix.length >= 2) return word.slice(0, word.length - suffix.length);
    }
    return word;
  }

  function term(word, data) {
    var stems = data.stems, known = data.vocabulary;
    if (has(stems, word)) return stems[word];
    if (has(known, word) || isBengali(word)) return word;
    var endings = data.analysis.suffixes_en;
    for (var i = 0; i < endings.length; i++) {
      var suffix = endings[i][0], replacement = endings[i][1];
      if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
        var base = word.slice(0, word.length - suffix.length) + replacement;
        if (has(known, base)) return has(stems, base) ? stems[base] : base;
      }
    }
    return word;
  }

  function stemTerm(word, data) {
    return isBengali(word) ? "~" + bengaliStem(word, data.analysis.suffixes_bn) : null;
  }

  function alternatives(found, data) {
    var exact = found.map(function (w) { return term(w, data); });
    if (!found.some(isBengali)) return exact.length ? [exact] : [];
    return [exact, found.map(function (w) { return stemTerm(w, data) || term(w, data); })];
  }

  function keyTerm(word, data) { return stemTerm(word, data) || term(word, data); }

  function matches(word, terms, data) { return terms.has(term(word, data)) || terms.has(stemTerm(word, data)); }

  function checkQuery(query) {
    query = query.trim();
    if (!query) throw new SearchError("empty query: give one or more words to search for");
    if (query.length > MAX_QUERY_CHARS) {
      throw new SearchError("query too long (" + query.length + " characters; at most " + MAX_QUERY_CHARS + ")");
    }
    if ((query.split('"').length - 1) % 2) throw new SearchError('unbalanced quote in query: close the phrase with a second "');
    var depth = 0;
    for (var i = 0; i < query.length; i++) {
      depth += query[i] === "(" ? 1 : query[i] === ")" ? -1 : 0;
      if (depth < 0) break;
    }
    if (depth) throw new SearchError("unbalanced parentheses in query");
    var parts = query.split(/[\s()"]+/).filter(Boolean);
    if (parts.length > MAX_QUERY_WORDS) {
      throw new SearchError("too many words in the query (" + parts.length + "; at most " + MAX_QUERY_WORDS + ")");
    }
    var meaningful = parts.filter(function (w) { return !has(OPERATORS, w) && words(w).length; });
    if (!meaningful.length) throw new SearchError("the query has no words to search for (only operators or symbols)");
    var wildcards = meaningful.filter(function (w) { return /[*?]/.test(w); });
    wildcards.forEach(function (w) {
      if (w.replace(/[*?]/g, "").length < 2) throw new SearchError("wildcard '" + w + "' needs at least two letters before it");
    });
    if (wildcards.length > MAX_WILDCARDS) {
      throw new SearchError("too many wildcard words (" + wildcards.length + "; at most " + MAX_WILDCARDS + ")");
    }
    return query;
  }

  function splitNot(query) {
    var tokens = query.match(TOKEN) || [], kept = [], excluded = [], i = 0;
    while (i < tokens.length) {
      if (tokens[i] === "NOT" && i + 1 < tokens.length) {
        excluded.push(tokens[i + 1].replace(/^"+|"+$/g, ""));
        i += 2;
        continue;
      }
      kept.push(tokens[i]);
      i += 1;
    }
    if (excluded.length && !kept.length) {
      throw new SearchError("the query only says what to leave out: give a word to search for as well");
    }
    return [kept.join(" "), excluded];
  }

  function editDistance(a, b) {
    var previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  function less(a, b) {  // tuples of numbers and strings, compared as Python compares them
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return true;
      if (a[i] > b[i]) return false;
    }
    return false;
  }

  function correction(word, data) {
    var stop = data.analysis.stop;
    if (word.length < 5 || has(data.vocabulary, word) || stop.indexOf(word) >= 0 || has(data.postings, term(word, data))) {
      return null;
    }
    var most = word.length >= 7 ? 2 : 1, best = null;
    var known = data._known || (data._known = Object.keys(data.vocabulary).sort());
    for (var i = 0; i < known.length; i++) {
      var candidate = known[i];
      if (Math.abs(candidate.length - word.length) > most || (word.length < 6 && candidate.length !== word.length + 1)) continue;
      var distance = editDistance(word, candidate);
      var key = [distance, -data.vocabulary[candidate], candidate];
      if (distance <= most && (best === null || less(key, best))) best = key;
    }
    return best ? best[2] : null;
  }

  function variantIndex(data) {
    if (!data._variants) {
      var index = {};
      data.glossary.forEach(function (group, g) {
        group.variants.forEach(function (variant) {
          var key = plainWords(variant).map(function (w) { return keyTerm(w, data); }).join(" ");
          if (key && !has(index, key)) index[key] = g;
        });
      });
      data._variants = index;
    }
    return data._variants;
  }

  function ideas(query, data) {
    var analysis = data.analysis, stop = {};
    analysis.stop.forEach(function (w) { stop[w] = 1; });
    var tokens = (query.match(TOKEN) || []).filter(function (t) { return !has(OPERATORS, t); });
    var surface = tokens.map(plainWords);
    var plain = tokens.map(function (t, i) { return t.charAt(0) === '"' ? t : surface[i].join(" "); });
    var dropStop = plain.some(function (p) { return p && !has(stop, p); });
    var banglish = plain.some(function (p) { return analysis.banglish_markers.indexOf(p) >= 0; });
    var fixes = {};  // unknown words are corrected first, so a misspelt glossary word still finds its term
    tokens.forEach(function (token, i) {
      if (token.charAt(0) !== '"' && token.indexOf("*") < 0) {
        surface[i].forEach(function (word) {
          var fixed = correction(word, data);
          if (fixed) fixes[word] = fixed;
        });
      }
    });
    function fixed(w) { return has(fixes, w) ? fixes[w] : w; }
    var keys = surface.map(function (found) { return found.map(function (w) { return keyTerm(fixed(w), data); }).join(" "); });
    var groups = data.glossary, byTerms = variantIndex(data), longest = 1;
    var alone = plain.filter(function (p) {  // the query's one word
      return p && !has(stop, p) && !(banglish && analysis.banglish_only_stop.indexOf(p) >= 0);
    }).length === 1;
    var short = surface.map(function (found) {
      return found.length === 1 && /^[\x00-\x7f]+$/.test(found[0]) && found[0].length <= SHORT_VARIANT;
    });
    Object.keys(byTerms).forEach(function (k) { longest = Math.max(longest, k.split(" ").length); });
    var result = [], expanded = [], i = 0;
    while (i < tokens.length) {
      var token = tokens[i];
      if (token.charAt(0) === '"') {
        if (surface[i].length) result.push({ alternatives: alternatives(surface[i], data), related: [] });
        i += 1;
        continue;
      }
      if (!plain[i] || (banglish && analysis.banglish_only_stop.indexOf(plain[i]) >= 0)) {
        i += 1;
        continue;
      }
      var matched = false;
      for (var size = Math.min(longest, tokens.length - i); size > 0; size--) {
        var slice = keys.slice(i, i + size), key = slice.join(" ");
        if (has(byTerms, key) && slice.every(Boolean) && (size > 1 || alone || !short[i])) {
          var group = groups[byTerms[key]];
          var either = [];
          group.variants.forEach(function (v) { either = either.concat(alternatives(plainWords(v), data)); });
          result.push({ alternatives: either, related: group.related.slice() });
          if (size > 1) {
            surface.slice(i, i + size).forEach(function (found) {
              found.forEach(function (w) {
                if (!has(stop, w)) result.push({ alternatives: alternatives([fixed(w)], data), related: [] });
              });
            });
          }
          var shown = plain.slice(i, i + size).join(" ");
          group.variants.forEach(function (v) { if (normalise(v) !== shown) expanded.push(v); });
          i += size;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (dropStop && has(stop, plain[i])) {
        i += 1;
        continue;
      }
      if (token.indexOf("*") >= 0) {
        var prefix = normalise(token.replace(/^[*?]+|[*?]+$/g, ""));
        var terms = Object.keys(data.postings).sort().filter(function (t) { return t.startsWith(prefix); });
        result.push({ alternatives: terms.slice(0, 200).map(function (t) { return [t]; }), related: [] });
      } else {
        surface[i].forEach(function (w) { result.push({ alternatives: alternatives([fixed(w)], data), related: [] }); });
      }
      i += 1;
    }
    return [result.filter(function (idea) { return idea.alternatives.length; }), fixes, expanded];
  }

  function termScores(t, data) {
    var postings = data.postings[t];
    var scores = new Map();
    if (!postings || !has(data.postings, t)) return scores;
    var boosts = data.boosts, lengths = data.lengths, average = data.average, k1 = data.k1, b = data.b;
    var total = data.docs.length, frequency = boosts.map(function () { return 0; }), i;
    for (i = 1; i < postings.length; i += 3) frequency[postings[i]] += 1;
    var idf = frequency.map(function (n) { return Math.log(1 + (total - n + 0.5) / (n + 0.5)); });
    for (i = 0; i < postings.length; i += 3) {
      var doc = postings[i], f = postings[i + 1], tf = postings[i + 2];
      var norm = average[f] ? k1 * (1 - b + b * lengths[doc][f] / average[f]) : k1;
      scores.set(doc, (scores.get(doc) || 0) + boosts[f] * idf[f] * tf * (k1 + 1) / (tf + norm));
    }
    return scores;
  }

  function ideaScores(idea, data, cache) {
    var best = new Map();
    idea.alternatives.forEach(function (alternative) {
      var scores = null;
      alternative.forEach(function (t) {
        if (!cache.has(t)) cache.set(t, termScores(t, data));
        var one = cache.get(t);
        if (scores === null) {
          scores = new Map(one);
        } else {
          var next = new Map();
          scores.forEach(function (s, d) { if (one.has(d)) next.set(d, s + one.get(d)); });
          scores = next;
        }
      });
      (scores || new Map()).forEach(function (score, doc) {
        if (score > (best.get(doc) || 0)) best.set(doc, score);
      });
    });
    return best;
  }

  function round6(x) { return Math.floor(x * 1e6 + 0.5) / 1e6; }

  function rank(queryIdeas, data, allowed) {
    var params = data.params, cache = new Map(), totals = new Map(), matchedIdeas = new Map(), byId = {};
    data.docs.forEach(function (doc, i) { byId[doc.id] = i; });
    queryIdeas.forEach(function (idea) {
      var scores = ideaScores(idea, data, cache);
      var specific = queryIdeas.length === 1 || scores.size <= params.best_bet_share * data.docs.length;
      var top = 0;
      scores.forEach(function (s) { if (s > top) top = s; });
      if (specific) {
        idea.related.forEach(function (standardId) {
          if (has(byId, standardId)) {
            var doc = byId[standardId];
            scores.set(doc, (scores.get(doc) || 0) + params.best_bet * Math.max(top, 1.0));
          }
        });
      }
      scores.forEach(function (score, doc) {
        if (allowed === null || allowed.has(doc)) {
          totals.set(doc, (totals.get(doc) || 0) + score);
          matchedIdeas.set(doc, (matchedIdeas.get(doc) || 0) + 1);
        }
      });
    });
    var count = Math.max(queryIdeas.length, 1), ranked = [];
    totals.forEach(function (total, doc) {
      ranked.push([doc, round6(total * Math.pow(matchedIdeas.get(doc) / count, params.coordination))]);
    });
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var matchedTerms = new Set();
    cache.forEach(function (scores, t) { if (scores.size) matchedTerms.add(t); });
    return [ranked, matchedTerms];
  }

  // Never marks a stop word (such as "of", which a glossary phrase may bring in); a short window.
  function marked(text, terms, data, width) {
    width = width || 160;
    var stop = data.analysis.stop;
    var spans = words(text).filter(function (w) { return stop.indexOf(w[2]) < 0 && matches(w[2], terms, data); });
    if (!spans.length) return [text.slice(0, width) + (text.length > width ? "…" : ""), false];
    var start = Math.max(0, spans[0][0] - 50), end = Math.min(text.length, start + width), out = "", cursor = start;
    spans.forEach(function (span) {
      if (span[0] < start || span[1] > end) return;
      out += text.slice(cursor, span[0]) + MARK_START + text.slice(span[0], span[1]) + MARK_END;
      cursor = span[1];
    });
    out += text.slice(cursor, end);
    return [(start ? "…" : "") + out + (end < text.length ? "…" : ""), true];
  }

  function firstText(text) { return text[Object.keys(text)[0]]; }

  function hit(doc, score, terms, lang, levelIds, data) {
    var text = doc.text, matched = [];
    [lang].concat(Object.keys(text).filter(function (c) { return c !== lang; })).forEach(function (code) {
      ((text[code] || {}).requirements || []).forEach(function (pair) {
        var rid = pair[0], line = pair[1];
        if (matched.indexOf(rid) < 0 && (levelIds === null || levelIds.has(rid)) &&
            words(line).some(function (w) { return matches(w[2], terms, data); })) {
          matched.push(rid);
        }
      });
    });
    var mine = text[lang] || firstText(text);
    var candidates = mine.requirements.filter(function (p) { return matched.indexOf(p[0]) >= 0; })
      .map(function (p) { return p[0] + " " + p[1]; });
    candidates.push(mine.summary);
    mine.requirements.forEach(function (p) { candidates.push(p[0] + " " + p[1]); });
    var snippet = "";
    for (var i = 0; i < candidates.length; i++) {
      var result = marked(candidates[i], terms, data);
      snippet = result[0];
      if (result[1]) break;
    }
    if (snippet.indexOf(MARK_START) < 0) snippet = marked(mine.summary, terms, data)[0];
    return { id: doc.id, titles: Object.assign({}, doc.titles), chapter: doc.chapter, score: score,
             snippet: snippet, requirements: matched };
  }

  function queryLanguage(query, data) {
    for (var i = 1; i < data.languages.length; i++) {
      var language = data.languages[i];
      if (language.script && new RegExp("[" + language.script + "]", "u").test(query)) return language.code;
    }
    return data.languages[0].code;
  }

  function byId(query, idMatch, data, lang, allowed) {
    var standardId = idMatch[1].toUpperCase(), hits = [];
    data.docs.forEach(function (doc, i) {
      if (doc.id !== standardId || (allowed !== null && !allowed.has(i))) return;
      var mine = doc.text[lang] || firstText(doc.text);
      var found = { id: doc.id, titles: Object.assign({}, doc.titles), chapter: doc.chapter, score: 1.0,
                    snippet: mine.summary, requirements: [] };
      if (idMatch[2]) {
        var wanted = query.toUpperCase();
        mine.requirements.forEach(function (p) {
          if (p[0] === wanted) {
            found.requirements = [wanted];
            found.snippet = MARK_START + wanted + MARK_END + " " + p[1];
          }
        });
      }
      hits.push(found);
    });
    return { query: query, searched_for: query, hits: hits, corrected: false, expanded: [], lang: lang };
  }

  function search(data, query, options) {
    options = options || {};
    var chapter = options.chapter || null, role = options.role || null, level = options.level || null;
    var limit = options.limit || 10;
    query = checkQuery(query);
    var split = splitNot(query);
    query = split[0];
    var excludedWords = split[1];
    var codes = data.languages.map(function (l) { return l.code; });
    var lang = options.lang || queryLanguage(query, data);
    if (codes.indexOf(lang) < 0) throw new SearchError("unknown language " + lang + ": the manual has " + codes.join(", "));
    [["chapter", chapter ? chapter.toUpperCase() : null, data.chapters], ["role", role, data.roles]].forEach(function (f) {
      if (f[1] !== null && f[2].indexOf(f[1]) < 0) {
        throw new SearchError("unknown " + f[0] + " '" + f[1] + "' (the manual has: " + f[2].join(", ") + ")");
      }
    });
    var allowed = new Set();
    data.docs.forEach(function (doc, i) {
      var levels = Object.keys(doc.levels).map(function (k) { return doc.levels[k]; });
      if ((!chapter || doc.chapter === chapter.toUpperCase()) && (!role || doc.roles.indexOf(role) >= 0) &&
          (!level || levels.indexOf(level) >= 0)) allowed.add(i);
    });
    var allowedOrNull = null;
    if (excludedWords.length || allowed.size !== data.docs.length) {
      var excluded = new Set();
      excludedWords.forEach(function (word) {
        words(word).forEach(function (w) {
          var postings = data.postings[term(w[2], data)] || [];
          for (var j = 0; j < postings.length; j += 3) excluded.add(postings[j]);
        });
      });
      allowedOrNull = new Set();
      allowed.forEach(function (i) { if (!excluded.has(i)) allowedOrNull.add(i); });
    }
    var idMatch = STANDARD_ID.exec(query);
    if (idMatch) return byId(query, idMatch, data, lang, allowedOrNull);
    var parsed = ideas(query, data), queryIdeas = parsed[0], fixes = parsed[1], expanded = parsed[2];
    var ranking = rank(queryIdeas, data, allowedOrNull), ranked = ranking[0], terms = ranking[1];
    var hits = ranked.slice(0, limit).map(function (pair) {
      var doc = data.docs[pair[0]], levelIds = null;
      if (level) {
        levelIds = new Set(Object.keys(doc.levels).filter(function (rid) { return doc.levels[rid] === level; }));
      }
      return hit(doc, pair[1], terms, lang, levelIds, data);
    });
    var searchedFor = words(query).map(function (w) { return has(fixes, w[2]) ? fixes[w[2]] : w[2]; }).join(" ");
    return { query: query, searched_for: searchedFor, hits: hits, corrected: Object.keys(fixes).length > 0,
             expanded: expanded, lang: lang };
  }

  root.TismEngine = { search: search, words: words, term: term, normalise: normalise, SearchError: SearchError,
                      MARK_START: MARK_START, MARK_END: MARK_END };
  // The engine and the data load in either order (both async): the second marks search ready.
  if (root.TISM_SEARCH_DATA && root.performance) root.performance.mark("tism-search-ready");
})(typeof window !== "undefined" ? window : globalThis);
