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

  function start() {
    if (!engine) {
      engine = (offline ? embedded() : import(root + "pagefind/pagefind.js"))
        .then(function (pagefind) {
          return pagefind.options({ basePath: root + "pagefind/", baseUrl: "/",
                                   excerptLength: 30 })
            .then(function () { return pagefind; });
        });
    }
    return engine;
  }

  // A result's address relative to the language's root, as Material expects its locations
  function location_of(url) {
    return url.replace(/^\/+/, "");
  }

  function answer(query) {
    return start().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      if (!search) return { items: [], total: 0 };  // superseded by a newer query
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
        .then(function (pages) {
          return {
            total: search.results.length,
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
    this.postMessage = function (message) {
      if (message.type === SETUP) {
        setTimeout(function () { deliver({ type: READY }); }, 0);
      } else if (message.type === QUERY) {
        var mine = ++latest;
        var query = String(message.data || "").trim();
        if (!query) { deliver({ type: RESULT, data: { items: [], total: 0 } }); return; }
        answer(query).then(function (result) {
          if (mine === latest) deliver({ type: RESULT, data: result });
        }, function (error) {
          var event = new ErrorEvent("error", { message: String(error) });
          if (typeof self.onerror === "function") self.onerror(event);
          target.dispatchEvent(event);
        });
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
