// Kundröst review page: photo and video enhancement over the server-rendered multipart form (it works
// without this script). Previews, remove-before-submit, per-file progress, and photos downscaled in the
// browser before they are sent (a 12 MP phone photo becomes about 2048 px, a few hundred KB). The server
// still judges every file. No dependencies, no framework; keep it small (the page's JavaScript is budgeted).
(function () {
  "use strict";
  var form = document.querySelector("form[data-media-form]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var texts = {};
  try {
    texts = JSON.parse(form.getAttribute("data-media-texts") || "{}");
  } catch (_error) {
    texts = {};
  }
  var MAX_SIDE = 2048;
  var SHRINK_TYPES = /^image\/(jpeg|png|webp)$/;
  var picked = []; // { input, file, kind, item, bar, ready: Promise<File> }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function shrink(file) {
    if (!SHRINK_TYPES.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" })
      .then(function (bitmap) {
        var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        if (scale === 1 && file.size < 1500000) return file;
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        return new Promise(function (resolve) {
          canvas.toBlob(
            function (blob) {
              resolve(
                blob && blob.size < file.size
                  ? new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" })
                  : file,
              );
            },
            "image/jpeg",
            0.85,
          );
        });
      })
      .catch(function () {
        return file; // the browser cannot read it (e.g. HEIC): the server will
      });
  }

  function note(list, text, fileName) {
    var item = el("li", "rp-error", (text || "").replace("{file}", fileName));
    list.appendChild(item);
    setTimeout(function () {
      item.remove();
    }, 6000);
  }

  function add(input, file) {
    var kind = input.getAttribute("data-media-input");
    var max = Number(input.getAttribute("data-media-max")) || 1;
    var maxBytes = Number(input.getAttribute("data-media-bytes")) || Infinity;
    var list = form.querySelector('[data-media-list="' + input.id + '"]');
    var mine = picked.filter(function (p) {
      return p.input === input;
    });
    if (mine.length >= max) return note(list, kind === "video" ? texts.tooManyVideos : texts.tooManyPhotos, file.name);
    // Too big to be taken, and not a photo the browser will make smaller: said now, not after the upload.
    var shrinks = kind === "photo" && SHRINK_TYPES.test(file.type) && window.createImageBitmap;
    if (file.size > maxBytes && !shrinks)
      return note(list, kind === "video" ? texts.videoTooLarge : texts.photoTooLarge, file.name);
    var item = el("li", "rp-preview");
    var url = URL.createObjectURL(file);
    var media = kind === "video" ? el("video") : el("img");
    media.src = url;
    media.alt = "";
    media.onerror = function () {
      media.replaceWith(el("span", "rp-preview-name", file.name));
    };
    item.appendChild(media);
    var bar = el("progress");
    bar.max = 100;
    bar.value = 0;
    bar.hidden = true;
    item.appendChild(bar);
    var remove = el("button", "rp-preview-remove", texts.remove || "×");
    remove.type = "button";
    remove.setAttribute("aria-label", (texts.remove || "Remove") + ": " + file.name);
    var entry = {
      input: input,
      file: file,
      kind: kind,
      item: item,
      bar: bar,
      ready: kind === "photo" ? shrink(file) : Promise.resolve(file),
    };
    remove.onclick = function () {
      picked.splice(picked.indexOf(entry), 1);
      URL.revokeObjectURL(url);
      item.remove();
      input.focus();
    };
    item.appendChild(remove);
    list.appendChild(item);
    picked.push(entry);
  }

  Array.prototype.forEach.call(form.querySelectorAll("input[data-media-input]"), function (input) {
    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, function (file) {
        add(input, file);
      });
      input.value = ""; // the script sends what it keeps; the same file can be picked again
    });
  });

  // After the page's own submit handler on the form (app/shopper/review-page.ts, which may stop a form with a
  // missing rating): bubble phase, on window.
  window.addEventListener("submit", function (event) {
    if (event.target !== form || event.defaultPrevented || picked.length === 0) return;
    event.preventDefault();
    var status = form.querySelector("[data-media-status]");
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    if (status) status.textContent = texts.preparing || "";
    Promise.all(
      picked.map(function (p) {
        return p.ready;
      }),
    ).then(function (files) {
      var data = new FormData(form);
      Array.prototype.forEach.call(form.querySelectorAll("input[data-media-input]"), function (input) {
        data.delete(input.name);
      });
      var ends = [];
      var total = 0;
      files.forEach(function (file, i) {
        data.append(picked[i].input.name, file, file.name);
        total += file.size;
        ends.push(total);
        picked[i].bar.hidden = false;
      });
      // More than the server takes in one post (several products, each with a big video): say so, send nothing.
      if (total > (Number(form.getAttribute("data-media-request-max")) || Infinity)) {
        if (status) status.textContent = texts.uploadTooLarge || "";
        if (button) button.disabled = false;
        picked.forEach(function (p) {
          p.bar.hidden = true;
        });
        return;
      }
      if (status) status.textContent = texts.sending || "";
      form.classList.add("rp-sending"); // no removing what is already on its way
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || location.href);
      xhr.upload.onprogress = function (e) {
        var sent = e.lengthComputable ? (e.loaded / e.total) * total : 0;
        picked.forEach(function (p, i) {
          var start = i ? ends[i - 1] : 0;
          var part = Math.max(0, Math.min(1, (sent - start) / (ends[i] - start || 1)));
          p.bar.value = Math.round(part * 100);
          p.bar.textContent = (texts.progress || "{percent}%").replace("{percent}", p.bar.value);
        });
      };
      xhr.onload = function () {
        if (xhr.responseURL && xhr.responseURL.split("?")[0] !== location.href.split("?")[0]) {
          location.assign(xhr.responseURL);
          return;
        }
        // The form again, with the server's messages: show that page as it is.
        document.open();
        document.write(xhr.responseText);
        document.close();
      };
      xhr.onerror = function () {
        if (button) button.disabled = false;
        form.classList.remove("rp-sending");
        form.submit(); // let the browser try the plain way
      };
      xhr.send(data);
    });
  });
})();
