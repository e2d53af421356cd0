// plenary: a "Copy link" button beside each session's # permalink. Without JavaScript
// (or without a clipboard) the buttons stay hidden and the # links do the job. One
// listener on the document serves every button, also those live.js inserts later
// (a watcher shows them as they arrive).
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  var SELECTOR = "button.copy-link[data-url]";

  function show(root) {
    if (root.matches && root.matches(SELECTOR)) root.hidden = false;
    if (root.querySelectorAll) {
      Array.prototype.forEach.call(root.querySelectorAll(SELECTOR), function (b) { b.hidden = false; });
    }
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(SELECTOR);
    if (!b || b.dataset.copying) return;
    var label = b.textContent;
    b.dataset.copying = "1";
    navigator.clipboard.writeText(b.getAttribute("data-url")).then(
      function () { b.textContent = "Copied"; },
      function () { b.textContent = "Press Ctrl+C"; }
    ).then(function () {
      setTimeout(function () { b.textContent = label; delete b.dataset.copying; }, 2000);
    });
  });

  show(document);
  if ("MutationObserver" in window) {
    new MutationObserver(function (records) {
      records.forEach(function (r) { Array.prototype.forEach.call(r.addedNodes, show); });
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
