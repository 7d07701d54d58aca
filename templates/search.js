/* Search with Pagefind behind Material's own search box and result list.
 *
 * Material talks to its search "worker" through four messages (SETUP, READY, QUERY, RESULT);
 * this file answers them in the page, from the language's Pagefind index, so Material's look,
 * its place and its words stay. On the web the index is fetched in small pieces from
 * pagefind/ on the first search. Opened from disk a browser fetches nothing, so the offline
 * bundle carries the same index inside pagefind/files.js, loaded as a script; the same engine
 * then answers from memory. Nothing is fetched from another host. */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var SHOWN = 20;  // results whose excerpt is loaded and shown
  var PAUSE = 120;  // ms without a keystroke before a query runs
  var NativeWorker = window.Worker;
  var offline = location.protocol === "file:";
  var script = document.currentScript;
  // This file is assets/search.js of a language's build: pagefind/ is beside assets/
  var root = new URL("../", script ? script.src : location.href).href;
  var engine = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error("cannot load " + url)); };
      document.head.appendChild(tag);
    });
  }

  function bytes(base64) {
    var text = atob(base64), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  // Offline: the index's files answer Pagefind's fetches from memory, under its base path.
  function embedded() {
    return loadScript(root + "pagefind/files.js").then(function () {
      var files = window.__briefingsPagefind, base = root + "pagefind/";
      var fetchNative = window.fetch;
      window.fetch = function (input, init) {
        // Pagefind asks by path ("/…/pagefind/…"), the origin of a file: page dropped
        var url = new URL(String(input && input.url ? input.url : input), location.href).href;
        var name = url.indexOf(base) === 0 ? url.slice(base.length).split("?")[0] : null;
        if (name === null || !(name in files)) return fetchNative.call(window, input, init);
        var type = /\.pagefind$/.test(name) ? "application/wasm" : "application/octet-stream";
        return Promise.resolve(new Response(bytes(files[name]),
                                            { headers: { "Content-Type": type } }));
      };
      var code = new TextDecoder().decode(bytes(files["pagefind.js"]));
      var blob = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      return import(blob);
    });
  }

  // A large language's index is made in parts (briefings.search.parts_of), listed in
  // pagefind/parts.json with their languages: each part that has the page's language is
  // merged into the first, whose WebAssembly they share (a part without it would answer in
  // another language), and a search then asks them all and ranks their results together.
  function start() {
    if (!engine) {
      var options = { baseUrl: "/", excerptLength: 30 };
      engine = (offline ? embedded() : import(root + "pagefind/pagefind.js"))
        .then(function (pagefind) {
          return pagefind.options(Object.assign({ basePath: root + "pagefind/" }, options))
            .then(function () { return fetch(root + "pagefind/parts.json"); })
            .then(function (response) {
              if (!response.ok) throw new Error("cannot load pagefind/parts.json");
              return response.json();
            })
            .then(function (parts) {
              var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
              return Promise.all(Object.keys(parts).filter(function (part) {
                return parts[part].some(function (code) {  // as Pagefind chooses an index
                  return code === lang || code === lang.split("-")[0];
                });
              }).map(function (part) {
                return pagefind.mergeIndex(root + "pagefind/" + part, options);
              }));
            })
            .then(function () { return pagefind; });
        });
    }
    return engine;
  }

  // A result's address relative to the language's root, as Material expects its locations
  function location_of(url) {
    return url.replace(/^\/+/, "");
  }

  // Chinese and Japanese are split into words by Pagefind at build time, by each sentence's
  // context: 政治局 is one word in one sentence and 政治 + 局 in another, while the query
  // stays one word and finds the first kind only (Pagefind issue 1237). A query of Han or
  // kana alone is therefore also asked as each two-word phrase it can be cut into
  // ("政治 局" in quotes: the two words next to each other, so the text still holds the
  // query as typed); the pages of the query as typed come first.
  var CJK = /^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{2,8}$/;

  function variants(query) {
    var asked = [query];
    if (CJK.test(query)) {
      for (var cut = 1; cut < query.length; cut++) {
        asked.push('"' + query.slice(0, cut) + " " + query.slice(cut) + '"');
      }
    }
    return asked;
  }

  // `stale()` tells whether a newer query came meanwhile: its excerpts are then not loaded
  function answer(query, stale) {
    return start().then(function (pagefind) {
      return stale() ? null : Promise.all(variants(query).map(function (asked) {
        return pagefind.search(asked);
      }));
    }).then(function (searches) {
      if (!searches || stale()) return null;  // superseded by a newer query
      var seen = {}, results = [];
      searches.forEach(function (search) {
        (search ? search.results : []).forEach(function (result) {
          if (!seen[result.id]) { seen[result.id] = true; results.push(result); }
        });
      });
      return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); }))
        .then(function (pages) {
          return {
            total: results.length,
            items: pages.map(function (page, rank) {
              return [{ location: location_of(page.url), title: page.meta.title || page.url,
                        text: page.excerpt, score: SHOWN - rank, terms: {}, tags: [] }];
            })
          };
        });
    });
  }

  function SearchWorker() {
    var target = document.createElement("span");
    var self = this;
    var latest = 0;
    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.terminate = function () {};
    function deliver(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      target.dispatchEvent(event);
    }
    // Each keystroke is a query, and a short one ("i", "in") matches most of a large archive:
    // a query waits until typing pauses (PAUSE), one search runs at a time, and of the
    // queries that came meanwhile only the newest runs next.
    var timer = null, running = false, waiting = null;
    function run(query, mine) {
      running = true;
      answer(query, function () { return mine !== latest; }).then(function (result) {
        if (result && mine === latest) deliver({ type: RESULT, data: result });
      }, function (error) {
        var event = new ErrorEvent("error", { message: String(error) });
        if (typeof self.onerror === "function") self.onerror(event);
        target.dispatchEvent(event);
      }).then(function () {
        running = false;
        if (waiting && waiting.mine === latest) {
          var next = waiting;
          waiting = null;
          run(next.query, next.mine);
        }
      });
    }
    this.postMessage = function (message) {
      if (message.type === SETUP) {
        setTimeout(function () { deliver({ type: READY }); }, 0);
      } else if (message.type === QUERY) {
        var mine = ++latest;
        var query = String(message.data || "").trim();
        clearTimeout(timer);
        waiting = null;
        if (!query) { deliver({ type: RESULT, data: { items: [], total: 0 } }); return; }
        timer = setTimeout(function () {
          if (mine !== latest) return;
          if (running) waiting = { query: query, mine: mine };
          else run(query, mine);
        }, PAUSE);
      }
    };
  }

  // Material reads the query on keyup only. Text that arrives without a key (an input method
  // committing Chinese, Japanese or Thai, a paste from the menu, dictation, a test driver's
  // Cyrillic) was never searched: every change of the box's text now counts as a keyup.
  function changed(event) {
    var box = event.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input")) return;
    if (event.isComposing) return;  // the word is not written yet
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", changed, true);
  document.addEventListener("compositionend", changed, true);

  window.Worker = function (url, options) {
    if (/workers\/search/.test(String(url))) return new SearchWorker();
    // Pagefind's own worker cannot start from disk; it then searches in the page.
    if (offline) throw new Error("no worker from a file: page");
    return new NativeWorker(url, options);
  };
})();
