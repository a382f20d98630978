/* Review dates against the reader's today: the pages say what was due on the day they were built;
   with JavaScript this recomputes it, and says so. Ours, loaded from this site only. The words
   come from the page (data-ns-words, in the notes' language). */
(function () {
  "use strict";

  var DAY = 86400000;

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

  function wordsFor(element) {
    var holder = element.closest("[data-ns-words]");
    try {
      return holder ? JSON.parse(holder.getAttribute("data-ns-words")) : null;
    } catch (error) {
      return null;
    }
  }

  // A count's words: the singular form (`<key>_one`, where the language has one) for 1.
  function sayCount(words, key, count) {
    var one = words[key + "_one"];
    return say(count === 1 && one ? one : words[key], { count: count });
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function update() {
    var now = today();
    document.querySelectorAll(".ns-due[data-due]").forEach(function (badge) {
      var words = wordsFor(badge);
      var due = dayOf(badge.getAttribute("data-due"));
      if (!words || due === null) return;
      var days = Math.round((due - now) / DAY);
      badge.textContent =
        days < 0 ? sayCount(words, "overdue_days", -days)
        : days === 0 ? words.due_today
        : sayCount(words, "due_in_days", days);
      badge.classList.toggle("ns-due--due", days <= 0);
    });
    var built = document.querySelector(".ns-built[data-built]");
    var words = built && wordsFor(built);
    if (words && built.getAttribute("data-built") !== isoOf(now)) {
      var note = document.createElement("span");
      note.className = "ns-built__today";
      note.textContent = " · " + say(words.checked_today, { date: isoOf(now) });
      built.appendChild(note);
    }
    document.querySelectorAll(".ns-home-due[data-due-dates]").forEach(function (box) {
      var boxWords = wordsFor(box);
      var strong = box.querySelector(".ns-home-due__count strong");
      if (!boxWords || !strong) return;
      // "2026-12-08*3": three notes planned for that day; a date alone is one.
      var count = (box.getAttribute("data-due-dates") || "").split(" ").reduce(function (sum, planned) {
        var parts = planned.split("*");
        var day = dayOf(parts[0]);
        return day !== null && day <= now ? sum + (parseInt(parts[1], 10) || 1) : sum;
      }, 0);
      strong.textContent = count ? sayCount(boxWords, "due_count", count) : boxWords.nothing_due;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
