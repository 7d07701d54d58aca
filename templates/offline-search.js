/* Search in the offline bundle. Browsers refuse to start a Web Worker from a file: URL, so
 * Material's search worker runs in a hidden iframe instead, through the IFrameWorker protocol
 * its worker already understands. Our own code: nothing is fetched from the network. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function load(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.head.appendChild(script);
    });
  }

  function IFrameWorker(url) {
    var target = document.createElement("span");
    var self = this;
    var queue = [];
    var ready = null;
    var frame = document.createElement("iframe");
    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.deliver = function (data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      target.dispatchEvent(event);
    };
    this.postMessage = function (data) {
      if (!ready) { queue.push(data); return; }
      ready.dispatchEvent(new ready.MessageEvent("message", { data: data }));
    };
    this.terminate = function () { frame.remove(); };
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.srcdoc = "<!doctype html><meta charset=utf-8><title>search</title>";
    frame.addEventListener("load", function () {
      var win = frame.contentWindow;
      win.postMessage = function (data) { self.deliver(data); };
      win.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return load(win.document, next); });
        }, Promise.resolve());
      };
      load(win.document, new URL(url, location.href).href).then(function () {
        ready = win;
        queue.splice(0).forEach(self.postMessage);
      }, function (error) {
        var event = new ErrorEvent("error", { message: error.message });
        if (typeof self.onerror === "function") self.onerror(event);
        target.dispatchEvent(event);
      });
    }, { once: true });
    (document.body || document.documentElement).appendChild(frame);
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
