// Draws the page's Mermaid diagrams (```mermaid fences, marked .ns-mermaid by notesite) with the
// copy of Mermaid the site ships (vendor/mermaid.min.js, loaded before this only on pages that
// have a diagram). A diagram Mermaid cannot read keeps its source, with a line saying so.
(function () {
  "use strict";
  var mermaid = window.mermaid;
  if (!mermaid) return;
  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  var failed = zh ? "图表无法绘制，下面是它的源码：" : "This diagram could not be drawn; its source:";

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  async function draw() {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: scheme(), suppressErrorRendering: true });
    var blocks = document.querySelectorAll(".ns-mermaid:not([data-ns-drawn])");
    for (var index = 0; index < blocks.length; index++) {
      var block = blocks[index];
      block.setAttribute("data-ns-drawn", "");
      var source = (block.querySelector("code") || block).textContent;
      try {
        var drawn = await mermaid.render("ns-mermaid-" + index, source);
        var figure = document.createElement("div");
        figure.className = "ns-diagram";
        figure.innerHTML = drawn.svg;
        block.replaceWith(figure);
      } catch (error) {
        var note = document.createElement("p");
        note.className = "ns-diagram__failed";
        note.textContent = failed;
        block.before(note);
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
