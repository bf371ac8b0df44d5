/* Kundröst storefront, the loyalty block: a member's balance, tier, progress and rewards, and redeeming one
   (one request id per click, the button held while it runs, so a double click makes one code); their codes and
   points history, in the shop's language, inside a closed <details> so the block's height does not jump. */
import { dayText, el, fill, post, requestId, strings } from "./common.js";

/* One line of a ledger list: what, when, and a figure on the right. */
function line(what, when, figure) {
  var li = el("li");
  var text = el("span", "", what);
  text.appendChild(el("small", "", when));
  li.appendChild(text);
  li.appendChild(el("strong", "", figure));
  return li;
}

function eventText(t, h) {
  var events = t.events || {};
  var base = events[h.reason] || events.general || h.label;
  if (h.kind === "tier") return fill(t.tier_change, h.note || "");
  if (h.kind === "compensate") return t.refunded;
  if (h.kind === "reverse") return fill(t.taken_back, base);
  if (h.kind === "adjust" && h.note) return base + ": " + h.note;
  return base;
}

function showCode(t, list, c) {
  var when = dayText(t, c.at);
  if (c.status === "issued" && c.endsAt) when += " · " + fill(t.ends, dayText(t, c.endsAt));
  var figure = c.status === "issued" ? c.code : c.status === "failed" ? t.code_failed : t.code_pending;
  var li = line(c.reward, when, figure);
  if (list.firstChild && list.firstChild.className === "kr-ledger__none") list.textContent = "";
  list.insertBefore(li, list.firstChild);
}

function ledgers(root, t, data) {
  var codes = root.querySelector("[data-kr-codes]");
  var history = root.querySelector("[data-kr-history]");
  if (!codes || !history) return codes;
  [codes, history].forEach(function (list) {
    list.textContent = "";
    list.appendChild(el("li", "kr-ledger__none", t.none));
  });
  (data.codes || [])
    .slice()
    .reverse()
    .forEach(function (c) {
      showCode(t, codes, c);
    });
  (data.history || []).slice(0, 15).forEach(function (h, i) {
    if (i === 0) history.textContent = "";
    var when = dayText(t, h.at) + (h.pending ? " · " + t.points_pending : "");
    var figure = h.points === 0 ? "" : (h.points > 0 ? "+" : "") + h.points;
    history.appendChild(line(eventText(t, h), when, figure));
  });
  return codes;
}

/* ---------------------------------------------------------------- loyalty */
function Loyalty(root) {
  var t = strings(root);
  var proxy = root.getAttribute("data-proxy");
  fetch(proxy + "/loyalty", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) {
      return r.json();
    })
    .then(function (data) {
      var earn = root.querySelector("[data-kr-earn-review]");
      if (earn && data.earning) earn.textContent = fill(t.review_points, data.earning.review, data.earning.photoBonus);
      var box = root.querySelector("[data-kr-member]");
      if (!box || !data.member) return;
      var m = data.member;
      root.querySelector("[data-kr-points]").textContent = m.points;
      root.querySelector("[data-kr-tier]").textContent = m.tier;
      var progress = root.querySelector("[data-kr-progress]");
      progress.value = m.nextTier ? Math.round((m.points * 100) / (m.points + m.nextTier.needed || 1)) : 100;
      root.querySelector("[data-kr-next]").textContent = m.nextTier
        ? fill(t.next, m.nextTier.needed, m.nextTier.name)
        : t.top;
      var list = root.querySelector("[data-kr-rewards]");
      var code = root.querySelector("[data-kr-code]");
      var codes = ledgers(root, t, data);
      list.textContent = "";
      data.rewards.forEach(function (reward) {
        var li = el("li", "kr-reward");
        li.appendChild(el("strong", "", reward.name));
        li.appendChild(el("span", "", reward.description));
        var b = el("button", "kr-button", reward.affordable ? fill(t.redeem, reward.pointsCost) : t.short);
        b.type = "button";
        b.disabled = !reward.affordable;
        b.addEventListener("click", function () {
          if (b.getAttribute("aria-busy") === "true") return;
          b.setAttribute("aria-busy", "true");
          b.disabled = true;
          post(proxy + "/loyalty/redeem", { reward_id: reward.id, request_id: requestId() }).then(
            function (j) {
              b.removeAttribute("aria-busy");
              b.disabled = false;
              if (j.status === "issued") {
                code.textContent = fill(t.code, j.code);
                root.querySelector("[data-kr-points]").textContent = m.points -= j.points;
                if (codes)
                  showCode(t, codes, {
                    status: "issued",
                    code: j.code,
                    reward: reward.name,
                    at: new Date().toISOString(),
                    endsAt: j.endsAt,
                  });
              } else code.textContent = j.status === "pending" ? t.pending : j.message || t.failed;
            },
            function () {
              b.removeAttribute("aria-busy");
              b.disabled = false;
              code.textContent = t.failed;
            },
          );
        });
        li.appendChild(b);
        list.appendChild(li);
      });
    })
    .catch(function () {})
    .then(function () {
      var box = root.querySelector("[data-kr-member]");
      if (box) box.setAttribute("aria-busy", "false");
    });
}

function start() {
  Array.prototype.forEach.call(document.querySelectorAll("[data-kr-loyalty]"), Loyalty);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
