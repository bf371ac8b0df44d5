/* Kundröst storefront, the reviews block: review pages, sorting and filters, votes and reports, the lightbox
   (keyboard and swipe) and the form, through the app proxy. The stars, the summary and the first reviews are
   already on the page in Liquid; this only adds to them. */
import { dayText, el, fill, post, stars, strings, visitorId } from "./common.js";

/* ---------------------------------------------------------------- lightbox */
function Lightbox(dialog) {
  var items = [],
    at = 0,
    opener = null,
    startX = null;
  var stage = dialog.querySelector("[data-kr-stage]");
  function show() {
    var item = items[at];
    stage.textContent = "";
    var media;
    if (item.kind === "video") {
      media = el("video");
      media.controls = true;
      media.src = item.url;
      media.poster = item.thumbnailUrl || "";
      media.setAttribute("aria-label", item.alt);
    } else {
      media = el("img");
      media.src = item.url;
      media.alt = item.alt;
      media.width = item.width;
      media.height = item.height;
    }
    stage.appendChild(media);
    dialog.querySelector("[data-kr-prev]").hidden = dialog.querySelector("[data-kr-next]").hidden = items.length < 2;
  }
  function move(step) {
    if (items.length < 2) return;
    at = (at + step + items.length) % items.length;
    show();
  }
  dialog.querySelector("[data-kr-prev]").addEventListener("click", function () {
    move(-1);
  });
  dialog.querySelector("[data-kr-next]").addEventListener("click", function () {
    move(1);
  });
  dialog.querySelector("[data-kr-close]").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("keydown", function (e) {
    if (e.key === "ArrowLeft") move(-1);
    if (e.key === "ArrowRight") move(1);
  });
  dialog.addEventListener(
    "touchstart",
    function (e) {
      startX = e.touches[0].clientX;
    },
    { passive: true },
  );
  dialog.addEventListener("touchend", function (e) {
    if (startX === null) return;
    var dx = e.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) move(dx < 0 ? 1 : -1);
  });
  dialog.addEventListener("click", function (e) {
    if (e.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", function () {
    stage.textContent = "";
    if (opener) opener.focus();
  });
  return function open(list, index, from) {
    items = list;
    at = index;
    opener = from;
    show();
    dialog.showModal();
  };
}

/* ---------------------------------------------------------------- reviews */
function Reviews(root) {
  var t = strings(root);
  var proxy = root.getAttribute("data-proxy");
  var product = root.getAttribute("data-product");
  var list = root.querySelector("[data-kr-list]");
  var pages = root.querySelector("[data-kr-pages]");
  var sort = root.querySelector("[data-kr-sort]");
  var clear = root.querySelector("[data-kr-clear]");
  var gallery = root.querySelector("[data-kr-gallery]");
  var dialog = root.querySelector("[data-kr-lightbox]");
  var open = dialog && dialog.showModal ? Lightbox(dialog) : null;
  var state = { sort: "newest", rating: "", page: 1 };
  var visitor = visitorId();

  function thumbs(media, alt, into) {
    var items = media.map(function (m) {
      m.alt = alt;
      return m;
    });
    items.forEach(function (m, i) {
      var b = el("button", "kr-thumb");
      b.type = "button";
      b.setAttribute("aria-label", alt + (m.kind === "video" ? " (video)" : ""));
      var img = el("img");
      img.src = m.thumbnailUrl || m.url;
      img.alt = "";
      img.loading = "lazy";
      img.decoding = "async";
      img.width = 72;
      img.height = 72;
      b.appendChild(img);
      if (m.kind === "video") b.appendChild(el("span", "kr-thumb__play", "\u25B6"));
      b.addEventListener("click", function () {
        if (open) open(items, i, b);
      });
      if (into.tagName === "UL") {
        var item = el("li");
        item.appendChild(b);
        into.appendChild(item);
      } else into.appendChild(b);
    });
  }
  function review(r) {
    var li = el("li", "kr-review");
    var head = el("div", "kr-review__head");
    head.appendChild(stars(r.rating, 16, fill(t.rated, r.rating)));
    head.appendChild(el("span", "kr-review__author", r.author));
    if (r.verifiedBuyer) head.appendChild(el("span", "kr-review__verified", t.verified));
    var time = el("time", "kr-review__date", dayText(t, r.date));
    time.dateTime = r.date;
    head.appendChild(time);
    li.appendChild(head);
    if (r.title) li.appendChild(el("h3", "kr-review__title", r.title));
    if (r.body) li.appendChild(el("p", "kr-review__body", r.body));
    if (r.fit && t[r.fit]) li.appendChild(el("p", "kr-review__fit", t.fit + ": " + t[r.fit]));
    if (r.media.length) {
      var strip = el("div", "kr-review__media");
      thumbs(r.media, fill(t.photo, r.author), strip);
      li.appendChild(strip);
    }
    if (r.reply) {
      var reply = el("div", "kr-review__reply");
      reply.appendChild(el("strong", "", fill(t.reply, root.getAttribute("data-shop"))));
      reply.appendChild(el("p", "", r.reply.body));
      li.appendChild(reply);
    }
    var actions = el("div", "kr-review__actions");
    var helpful = el("button", "kr-link", fill(t.helpful, r.helpfulCount));
    helpful.type = "button";
    helpful.addEventListener("click", function () {
      helpful.disabled = true;
      post(proxy + "/reviews/" + r.id + "/vote", { visitor: visitor }).then(function (j) {
        helpful.textContent = j.ok ? fill(t.helpful, j.helpfulCount) + " \u2013 " + t.thanks_vote : t.failed;
      });
    });
    var report = el("button", "kr-link", t.report);
    report.type = "button";
    report.addEventListener("click", function () {
      report.disabled = true;
      post(proxy + "/reviews/" + r.id + "/report", { visitor: visitor, reason: "other" }).then(function (j) {
        report.textContent = j.ok ? t.reported : t.failed;
      });
    });
    actions.appendChild(helpful);
    actions.appendChild(report);
    li.appendChild(actions);
    return li;
  }
  function paging(current, count) {
    pages.textContent = "";
    if (count < 2) return;
    var from = Math.max(1, current - 2),
      to = Math.min(count, from + 4);
    for (var p = from; p <= to; p++) {
      var b = el("button", "kr-page", String(p));
      b.type = "button";
      b.setAttribute("aria-label", fill(t.page, p));
      if (p === current) b.setAttribute("aria-current", "page");
      b.addEventListener("click", go.bind(null, p));
      pages.appendChild(b);
    }
  }
  function go(page) {
    state.page = page;
    load(true);
  }
  function summary(s) {
    [1, 2, 3, 4, 5].forEach(function (n) {
      var bar = root.querySelector('[data-kr-bar="' + n + '"]');
      var count = root.querySelector('[data-kr-n="' + n + '"]');
      if (bar) bar.style.width = (s.count ? Math.round((s.distribution[n] * 100) / s.count) : 0) + "%";
      if (count) count.textContent = s.distribution[n];
    });
    var fit = root.querySelector("[data-kr-fit]");
    var question = root.querySelector("[data-kr-fit-question]");
    if (s.fit) {
      if (question) question.hidden = question.disabled = false;
      var total = s.fit.runs_small + s.fit.true_to_size + s.fit.runs_large;
      if (fit && total) {
        fit.textContent = "";
        fit.appendChild(el("strong", "", t.fit));
        ["runs_small", "true_to_size", "runs_large"].forEach(function (k) {
          fit.appendChild(el("span", "kr-fit__row", t[k] + " " + Math.round((s.fit[k] * 100) / total) + "%"));
        });
        fit.hidden = false;
      }
    }
  }
  function load(scroll) {
    var q =
      "limit=" +
      (root.getAttribute("data-per-page") || 10) +
      "&product=" +
      product +
      "&sort=" +
      state.sort +
      "&page=" +
      state.page +
      (state.rating ? "&rating=" + state.rating : "");
    list.setAttribute("aria-busy", "true");
    return fetch(proxy + "/reviews?" + q, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw r;
        return r.json();
      })
      .then(function (data) {
        list.textContent = "";
        data.reviews.forEach(function (r) {
          list.appendChild(review(r));
        });
        if (!data.reviews.length && data.summary.count)
          list.appendChild(el("li", "kr-review kr-review--empty", t.empty));
        paging(data.page, data.pages);
        summary(data.summary);
        if (gallery && !gallery.childNodes.length)
          thumbs(data.gallery, dialog ? dialog.getAttribute("aria-label") : "", gallery);
        if (scroll) root.scrollIntoView({ block: "start" });
      })
      .catch(function () {})
      .then(function () {
        list.setAttribute("aria-busy", "false");
      });
  }
  if (sort)
    sort.addEventListener("change", function () {
      state.sort = sort.value;
      state.page = 1;
      load();
    });
  Array.prototype.forEach.call(root.querySelectorAll("[data-kr-filter]"), function (b) {
    b.addEventListener("click", function () {
      var value = b.getAttribute("data-kr-filter");
      state.rating = state.rating === value ? "" : value;
      state.page = 1;
      Array.prototype.forEach.call(root.querySelectorAll("[data-kr-filter]"), function (o) {
        o.setAttribute("aria-pressed", String(o.getAttribute("data-kr-filter") === state.rating));
      });
      if (clear) clear.hidden = !state.rating;
      load();
    });
  });
  if (clear)
    clear.addEventListener("click", function () {
      state.rating = "";
      clear.hidden = true;
      Array.prototype.forEach.call(root.querySelectorAll("[data-kr-filter]"), function (o) {
        o.setAttribute("aria-pressed", "false");
      });
      load();
    });
  var form = root.querySelector("[data-kr-form]");
  if (form)
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = form.querySelector("[data-kr-status]");
      var button = form.querySelector("[type=submit]");
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (f) {
        f.removeAttribute("aria-invalid");
      });
      if (!form.checkValidity()) {
        status.textContent = t.invalid;
        Array.prototype.forEach.call(form.querySelectorAll(":invalid"), function (f) {
          f.setAttribute("aria-invalid", "true");
        });
        return;
      }
      button.disabled = true;
      status.textContent = t.sending;
      post(form.action, new FormData(form)).then(
        function (j) {
          button.disabled = false;
          if (j.ok) {
            status.textContent = j.published ? t.sent : t.held;
            form.reset();
            if (j.published) load();
          } else if (j.fieldErrors) {
            status.textContent = t.invalid;
            Object.keys(j.fieldErrors).forEach(function (name) {
              var f = form.querySelector('[name="' + name + '"]');
              if (f) f.setAttribute("aria-invalid", "true");
            });
          } else status.textContent = t.failed;
        },
        function () {
          button.disabled = false;
          status.textContent = t.failed;
        },
      );
    });
  if (product) load();
}

function start() {
  Array.prototype.forEach.call(document.querySelectorAll("[data-kr-reviews]"), Reviews);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
