/* Kundröst storefront, the loyalty block: a member's balance, tier, progress and rewards, and redeeming one
   (one request id per click, the button held while it runs, so a double click makes one code). */
import { el, fill, post, requestId, strings } from "./common.js";

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
