/* Previews of links to other notes, sections, headings and citations: hovering or focusing a link
   in the page's text shows a small card with its target's title and first lines. The card is made
   from this site's own page, fetched when the reader first hovers or focuses a link to it (never
   before, never from another host) and kept per URL. A tap follows the link as ever: touch shows
   no card. Escape hides the card. Plain text only goes into the card. Off with `previews: false`,
   which leaves this script out. */
(function () {
  "use strict";

  var DELAY = 300; // ms a pointer rests on a link before its card shows
  var LINGER = 200; // ms the card stays after the pointer leaves, to move onto it
  var CHARS = 280; // characters of text on a card
  // What a page generates around the author's text: never a card's text (as for search).
  var GENERATED = "[data-search-exclude], .ns-meta, .ns-cards, .ns-derived, .ns-chart, .headerlink, .md-content__button";
  var pages = new Map(); // page URL → Promise of its parsed document (or null)
  var card = null;
  var shownFor = null;
  var showTimer = 0;
  var hideTimer = 0;

  function previewable(link) {
    if (!link || !link.closest("article.md-content__inner") || link.closest(".ns-preview, .headerlink, .md-content__button")) return null;
    var raw = link.getAttribute("href");
    if (!raw || raw.charAt(0) === "?" || link.hasAttribute("download")) return null;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !/(\/|\.html)$/.test(url.pathname)) return null;
    var here = url.pathname === location.pathname;
    return here && !url.hash ? null : url;
  }

  function page(url) {
    var key = url.origin + url.pathname;
    if (key === location.origin + location.pathname) return Promise.resolve(document);
    if (!pages.has(key)) {
      pages.set(key, fetch(key, { credentials: "same-origin" })
        .then(function (response) {
          var type = response.headers.get("content-type") || "";
          if (!response.ok || type.indexOf("text/html") < 0) return null;
          return response.text().then(function (text) {
            return new DOMParser().parseFromString(text, "text/html");
          });
        })
        .catch(function () { return null; }));
    }
    return pages.get(key);
  }

  function textOf(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(GENERATED + ", script, style").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function shorten(text) {
    return text.length > CHARS ? text.slice(0, CHARS).replace(/\s+\S*$/, "") + "…" : text;
  }

  /* The title and first lines of a heading's part, an element (a citation's entry), or a page. */
  function summary(doc, url) {
    var article = doc.querySelector("article.md-content__inner");
    if (!article) return null;
    var h1 = article.querySelector("h1");
    var pageTitle = h1 ? textOf(h1) : doc.title;
    var target = url.hash ? doc.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
    var start = h1;
    var title = pageTitle;
    if (target && !/^H[1-6]$/.test(target.tagName)) {
      return { title: pageTitle, text: shorten(textOf(target)) };
    }
    if (target) {
      start = target;
      title = textOf(target);
    }
    var level = start ? +start.tagName.charAt(1) : 1;
    var parts = [];
    for (var node = start ? start.nextElementSibling : article.firstElementChild; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && +node.tagName.charAt(1) <= level) break;
      if (/^H[1-6]$/.test(node.tagName) || node.matches(GENERATED)) continue;
      var text = textOf(node);
      if (text) parts.push(text);
      if (parts.join(" ").length >= CHARS) break;
    }
    if (!parts.length) {
      // A page of nothing but its list of sections (an overview): its sections' names.
      article.querySelectorAll(".ns-cards li strong").forEach(function (n) { parts.push(textOf(n)); });
      return { title: title, text: shorten(parts.join(" · ")) };
    }
    return { title: title, text: shorten(parts.join(" ")) };
  }

  function ensureCard() {
    if (card) return card;
    card = document.createElement("div");
    card.className = "ns-preview md-typeset";
    card.id = "ns-preview";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("pointerleave", function () { hideSoon(); });
    document.body.appendChild(card);
    return card;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(352, document.documentElement.clientWidth - 16);
    card.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    var below = rect.bottom + 8;
    var height = card.offsetHeight;
    var top = below + height > window.innerHeight && rect.top - 8 - height > 0 ? rect.top - 8 - height : below;
    card.style.left = left + window.scrollX + "px";
    card.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var url = previewable(link);
    if (!url) return;
    clearTimeout(hideTimer);
    shownFor = link;
    page(url).then(function (doc) {
      var found = doc && summary(doc, url);
      if (shownFor !== link || !found || !(found.title || found.text)) return;
      var box = ensureCard();
      box.textContent = "";
      var title = document.createElement("p");
      title.className = "ns-preview__title";
      title.textContent = found.title;
      box.appendChild(title);
      if (found.text) {
        var text = document.createElement("p");
        text.className = "ns-preview__text";
        text.textContent = found.text;
        box.appendChild(text);
      }
      box.hidden = false;
      place(link);
      link.setAttribute("aria-describedby", box.id);
    });
  }

  function hide() {
    clearTimeout(showTimer);
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    if (card) card.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, LINGER);
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse") return; // a tap follows the link, and shows nothing
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !previewable(link)) return;
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    showTimer = setTimeout(function () { show(link); }, DELAY);
  });
  document.addEventListener("pointerout", function (event) {
    if (event.pointerType !== "mouse") return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && !link.contains(event.relatedTarget)) {
      clearTimeout(showTimer);
      if (shownFor === link) hideSoon();
    }
  });
  document.addEventListener("focusin", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    // Only a keyboard's focus: a tap or click focuses the link too, and follows it.
    if (link && link.matches(":focus-visible")) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (shownFor && event.target === shownFor) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && card && !card.hidden) hide();
  });
  window.addEventListener("pagehide", hide);
})();
