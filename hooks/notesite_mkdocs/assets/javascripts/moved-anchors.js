/* Old addresses of a note that grew: a short note is one page, its sections anchors on it
   (/note/#heading); once it is split (notesite/layout/page_size.py) those headings live on pages
   of their own. The overview carries where each anchor went (data-ns-moved, JSON: id → URL
   inside the site), and this follows an address whose anchor the page no longer has. Ours,
   loaded from this site only. */
(function () {
  "use strict";

  function follow() {
    var holder = document.querySelector("[data-ns-moved]");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!holder || !id || document.getElementById(id)) return;
    var moved;
    try {
      moved = JSON.parse(holder.getAttribute("data-ns-moved"));
    } catch (error) {
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(moved, id)) return;
    var target = new URL(moved[id], location.href);
    if (target.origin === location.origin) location.replace(target.href);
  }

  window.addEventListener("hashchange", follow);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
