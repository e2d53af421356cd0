// plenary: a "Copy link" button beside each session's # permalink. Without JavaScript
// (or without a clipboard) the buttons stay hidden and the # links do the job.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  var buttons = document.querySelectorAll("button.copy-link[data-url]");
  Array.prototype.forEach.call(buttons, function (b) {
    var label = b.textContent;
    b.hidden = false;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(b.getAttribute("data-url")).then(
        function () { b.textContent = "Copied"; },
        function () { b.textContent = "Press Ctrl+C"; }
      ).then(function () {
        setTimeout(function () { b.textContent = label; }, 2000);
      });
    });
  });
})();
