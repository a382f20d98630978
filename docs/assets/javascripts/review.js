/* Review dates against the reader's today: the pages say what was due on the day they were built;
   with JavaScript this recomputes it, and says so. Ours, loaded from this site only. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function dayOf(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? Date.UTC(+parts[1], +parts[2] - 1, +parts[3]) : null;
  }

  function isoOf(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  var words = zh
    ? { overdue: "已逾期 {n} 天", today: "今天到期", ahead: "{n} 天后", due: "{n} 篇笔记待复习", none: "没有待复习的笔记" }
    : { overdue: "{n} days overdue", today: "due today", ahead: "in {n} days", due: "{n} notes due for review", none: "Nothing due for review" };

  function say(template, n) {
    return template.replace("{n}", String(n));
  }

  function update() {
    var now = today();
    var DAY = 86400000;
    document.querySelectorAll(".ns-due[data-due]").forEach(function (badge) {
      var due = dayOf(badge.getAttribute("data-due"));
      if (due === null) return;
      var days = Math.round((due - now) / DAY);
      badge.textContent = days < 0 ? say(words.overdue, -days) : days === 0 ? words.today : say(words.ahead, days);
      badge.classList.toggle("ns-due--due", days <= 0);
      var row = badge.closest("tr");
      if (row) row.classList.toggle("ns-review-row--due-now", days <= 0);
    });
    var built = document.querySelector(".ns-built[data-built]");
    if (built && built.getAttribute("data-built") !== isoOf(now)) {
      var note = document.createElement("span");
      note.className = "ns-built__today";
      note.textContent = " · " + built.getAttribute("data-label-today").replace("{date}", isoOf(now));
      built.appendChild(note);
    }
    document.querySelectorAll(".ns-home-due[data-due-dates]").forEach(function (box) {
      var dates = (box.getAttribute("data-due-dates") || "").split(" ").filter(Boolean);
      var count = dates.filter(function (iso) { var d = dayOf(iso); return d !== null && d <= now; }).length;
      var strong = box.querySelector(".ns-home-due__count strong");
      if (strong) strong.textContent = count ? say(words.due, count) : words.none;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
