/* Side-by-side reading (the "parallel" pages): two versions of a story, unit by unit.
 * The page names the story's script (data-src); the script calls briefingsParallel(data)
 * with every version's blocks and the units that join them. A unit without text in one of
 * the two languages sits opposite an empty cell. Seed text is only ever set as text. */
(function () {
  "use strict";
  // Keyed by story slug, which may be "constructor": no inherited keys.
  var stories = Object.create(null);
  var waiting = Object.create(null);

  window.briefingsParallel = function (data) {
    stories[data.story] = data;
    (waiting[data.story] || []).forEach(function (show) { show(data); });
    delete waiting[data.story];
  };

  // The address is the reader's: "#constructor+valueOf" names keys every object inherits.
  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cell(root, version, lang, blocks) {
    var node = element("div", "parallel-cell");
    node.lang = lang;
    node.dir = version.dir;
    node.setAttribute("data-language", version.name);
    if (!blocks) {
      node.className += " parallel-empty";
      node.appendChild(element("span", "parallel-missing", root.getAttribute("data-missing")));
      return node;
    }
    blocks.forEach(function (index) {
      var block = version.blocks[index];
      var tag = block[0] === "h" ? "h2" : "p";
      node.appendChild(element(tag, block[0] === "c" ? "briefing-caption" : "", block[1]));
    });
    return node;
  }

  function render(root, data, left, right) {
    var rows = root.querySelector(".parallel-rows");
    rows.textContent = "";
    var head = element("div", "parallel-row parallel-head");
    [left, right].forEach(function (lang) {
      var version = data.versions[lang];
      var title = element("div", "parallel-cell");
      title.lang = lang;
      title.dir = version.dir;
      title.appendChild(element("span", "parallel-language", version.name));
      title.appendChild(element("strong", "parallel-title", version.title));
      if (version.source) {  // on paper (briefings.css), where the version came from
        title.appendChild(element("span", "parallel-source",
                                  root.getAttribute("data-source") + ": " + version.source));
      }
      head.appendChild(title);
    });
    rows.appendChild(head);
    data.units.forEach(function (unit) {
      if (!unit[left] && !unit[right]) return;
      var row = element("div", "parallel-row");
      row.appendChild(cell(root, data.versions[left], left, unit[left]));
      row.appendChild(cell(root, data.versions[right], right, unit[right]));
      rows.appendChild(row);
    });
  }

  function show(root, data) {
    var pick = [root.querySelector(".parallel-left"), root.querySelector(".parallel-right")];
    var chosen = (location.hash.match(/^#([a-z-]+)\+([a-z-]+)$/i) || []).slice(1);
    if (!(own(data.versions, chosen[0]) && own(data.versions, chosen[1]))
        || chosen[0] === chosen[1]) {
      chosen = [root.getAttribute("data-left"), root.getAttribute("data-right")];
    }
    pick[0].value = chosen[0];
    pick[1].value = chosen[1];
    pick.forEach(function (select, side) {
      select.onchange = function () {
        var other = pick[1 - side];
        if (other.value === select.value) other.value = chosen[side];  // swap
        chosen = [pick[0].value, pick[1].value];
        try {
          history.replaceState(null, "", "#" + chosen[0] + "+" + chosen[1]);
        } catch (error) { /* some browsers refuse it for a page opened from disk */ }
        render(root, data, chosen[0], chosen[1]);
      };
    });
    root.querySelector(".parallel-status").textContent = "";
    render(root, data, chosen[0], chosen[1]);
  }

  function load(root) {
    var id = root.getAttribute("data-story");
    if (stories[id]) return show(root, stories[id]);
    (waiting[id] = waiting[id] || []).push(function (data) { show(root, data); });
    var script = document.createElement("script");
    script.src = root.getAttribute("data-src");
    script.onerror = function () {
      root.querySelector(".parallel-status").textContent = root.getAttribute("data-failed");
    };
    document.head.appendChild(script);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".parallel"), load);
  }

  // With Material's instant navigation a page is swapped in without a new load.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
