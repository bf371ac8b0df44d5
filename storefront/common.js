// What both storefront scripts share: building elements with text only (a shopper's words never become HTML),
// the strings the Liquid block printed, requests to the app proxy, and the stars.
const d = document;
const SVG = "http://www.w3.org/2000/svg";
const STAR = "l2.9 6 6.6.6-5 4.4 1.5 6.5-6-3.5-6 3.5 1.5-6.5-5-4.4 6.6-.6z";
let uid = 0;

export function el(tag, cls, text) {
  var node = d.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}
export function strings(root) {
  var node = root.querySelector("[data-kr-i18n]");
  try {
    return JSON.parse(node.textContent);
  } catch {
    return {};
  }
}
export function fill(text, a, b) {
  return String(text || "")
    .replace("{n}", a)
    .replace("{p}", b)
    .replace("{t}", b)
    .replace("{c}", a);
}
/* The storefront's words for a date (the block prints them from kundrost.date), as Liquid writes them. */
export function dayText(t, iso) {
  var p = String(iso).slice(0, 10).split("-"),
    month = String(t.months || "").split(",")[p[1] - 1];
  return month && t.date ? t.date.replace("{d}", +p[2]).replace("{m}", month).replace("{y}", p[0]) : iso;
}
export function visitorId() {
  try {
    var id = localStorage.getItem("kr_visitor");
    if (!id) {
      id = requestId();
      localStorage.setItem("kr_visitor", id);
    }
    return id;
  } catch {
    return requestId();
  }
}
export function requestId() {
  var bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.prototype.map
    .call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    })
    .join("");
}
export function post(url, data) {
  var body = data instanceof FormData ? data : new URLSearchParams(data);
  return fetch(url, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  }).then(function (r) {
    return r.json().then(
      function (j) {
        j._status = r.status;
        return j;
      },
      function () {
        return { _status: r.status };
      },
    );
  });
}
export function stars(rating, size, label) {
  var id = "kr-gj-" + ++uid;
  var svg = d.createElementNS(SVG, "svg");
  svg.setAttribute("class", "kr-stars");
  svg.setAttribute("width", size * 5);
  svg.setAttribute("height", size);
  svg.setAttribute("viewBox", "0 0 100 20");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  var grad = d.createElementNS(SVG, "linearGradient");
  grad.id = id;
  [["currentColor"], ["#c9c9c9"]].forEach(function (c) {
    var stop = d.createElementNS(SVG, "stop");
    stop.setAttribute("offset", rating * 20 + "%");
    stop.setAttribute("stop-color", c[0]);
    grad.appendChild(stop);
  });
  var defs = d.createElementNS(SVG, "defs");
  defs.appendChild(grad);
  svg.appendChild(defs);
  var path = d.createElementNS(SVG, "path");
  var dd = "";
  for (var i = 0; i < 5; i++) dd += "M" + (10 + 20 * i) + " 1" + STAR;
  path.setAttribute("d", dd);
  path.setAttribute("fill", "url(#" + id + ")");
  svg.appendChild(path);
  return svg;
}
