/* Material's language switcher fetches "sitemap.xml" beside every <link rel="alternate"> of a
 * page, expecting each to be a language's root. Our pages carry hreflang alternates to the same
 * story in each language, whose folders have no sitemap: those requests would all fail. They
 * are answered here with an empty sitemap instead of being sent. The site's real sitemaps are
 * fetched as before. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var empty = "data:application/xml," +
    encodeURIComponent('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>');

  function pageAlternate(url) {
    if (!/\/sitemap\.xml$/.test(url)) return false;
    var folder = url.slice(0, -"sitemap.xml".length);
    var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === folder && links[i].hreflang !== "x-default") return true;
    }
    return false;
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (pageAlternate(String(url))) args[1] = empty;
    return open.apply(this, args);
  };
})();
