// The review page's own script (/r/:token): small, no framework, over the server-rendered form, which works
// without it. It counts characters, keeps the stars in step on browsers without :has(), says a card needs stars
// before the round trip, stops a double submit, and turns Smart Prompts' chips to "covered" while the shopper
// writes. Bundled by scripts/shopper-scripts.ts; the page finds it through the build's manifest.
import { coveredTopics, type PromptIndex } from "./prompt-coverage";

interface Texts {
  counter: string;
  ratingRequired: string;
  submitting: string;
  covered: string;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

function readJson<T>(value: string | undefined, fallback: T): T {
  try {
    return value ? (JSON.parse(value) as T) : fallback;
  } catch {
    return fallback;
  }
}

function textFields(root: ParentNode): TextField[] {
  return Array.from(root.querySelectorAll<TextField>("input[type=text], textarea"));
}

function addCounters(form: HTMLFormElement, texts: Texts): void {
  for (const field of Array.from(form.querySelectorAll<TextField>("[data-counter-max]"))) {
    const max = Number(field.dataset.counterMax);
    // The server keeps the counter's place (CounterSlot): filling it in shifts nothing.
    const counter = form.querySelector<HTMLElement>(`[data-counter-for="${field.id}"]`);
    if (!counter) continue;
    const update = () => {
      counter.textContent = fill(texts.counter, { count: Array.from(field.value).length, max });
    };
    update();
    field.addEventListener("input", update);
  }
}

function keepStarsInStep(form: HTMLFormElement): void {
  for (const group of Array.from(form.querySelectorAll<HTMLElement>(".rp-stars"))) {
    group.addEventListener("change", (event) => {
      const input = event.target as HTMLInputElement;
      if (input.type !== "radio") return;
      group.setAttribute("data-value", input.value);
      group.removeAttribute("data-invalid");
      group.parentElement?.querySelector("[data-client-error]")?.remove();
    });
  }
}

function followPrompts(form: HTMLFormElement, index: PromptIndex, texts: Texts): void {
  for (const card of Array.from(form.querySelectorAll<HTMLElement>("[data-card]"))) {
    const chips = Array.from(card.querySelectorAll<HTMLElement>("[data-topic]"));
    if (chips.length === 0) continue;
    const own: PromptIndex = {};
    for (const chip of chips) {
      const topic = chip.dataset.topic ?? "";
      if (index[topic] !== undefined) own[topic] = index[topic];
    }
    const fields = textFields(card);
    const update = () => {
      const covered = new Set(coveredTopics(fields.map((field) => field.value).join("\n"), own));
      for (const chip of chips) {
        const on = covered.has(chip.dataset.topic ?? "");
        if ((chip.dataset.covered === "true") === on) continue;
        chip.dataset.covered = String(on);
        const state = chip.querySelector(".rp-chip-state");
        if (state) state.textContent = on ? ` ${texts.covered}` : "";
      }
    };
    let timer: number | undefined;
    for (const field of fields)
      field.addEventListener("input", () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(update, 100);
      });
    update();
  }
}

/** The server's rule, said before the round trip: a card with words needs stars, and one card needs stars. */
function checkBeforeSending(form: HTMLFormElement, texts: Texts): void {
  form.noValidate = true;
  form.addEventListener("submit", (event) => {
    for (const node of Array.from(form.querySelectorAll("[data-client-error]"))) node.remove();
    const cards = Array.from(form.querySelectorAll<HTMLElement>("[data-card]")).filter((card) =>
      card.querySelector("input[name^='rating[']"),
    );
    const missing: HTMLElement[] = [];
    let anyCard = false;
    for (const card of cards) {
      const rated = Boolean(card.querySelector("input[name^='rating[']:checked"));
      const wrote =
        textFields(card).some((field) => field.value.trim() !== "") ||
        Boolean(card.querySelector("input[name^='fit[']:checked:not([value=''])"));
      if (rated || wrote) anyCard = true;
      if (wrote && !rated) missing.push(card);
    }
    if (!anyCard && cards[0]) missing.push(cards[0]);
    if (missing.length > 0) {
      event.preventDefault();
      for (const card of missing) {
        const stars = card.querySelector(".rp-stars");
        const first = card.querySelector<HTMLInputElement>("input[name^='rating[']");
        if (!stars || !first) continue;
        stars.setAttribute("data-invalid", "true");
        const message = document.createElement("p");
        // The id the server gives the same message ("p1-rating-error"), so both read alike.
        message.id = first.id.replace(/-\d+$/, "-error");
        message.className = "rp-error";
        message.setAttribute("role", "alert");
        message.dataset.clientError = "";
        message.textContent = texts.ratingRequired;
        stars.insertAdjacentElement("afterend", message);
        stars.closest("fieldset")?.setAttribute("aria-describedby", message.id);
      }
      missing[0].querySelector<HTMLInputElement>("input[name^='rating[']")?.focus();
      return;
    }
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) {
      // After the submit event: the post goes ahead, a second tap does not send it twice. When the photo
      // uploader took the sending over (it cancels the event and posts itself), the button is its to manage.
      window.setTimeout(() => {
        if (event.defaultPrevented) return;
        button.disabled = true;
        button.textContent = texts.submitting;
      }, 0);
    }
  });
}

const form = document.querySelector<HTMLFormElement>("form[data-review-form]");
if (form) {
  const texts = readJson<Texts>(form.dataset.rpTexts, {
    counter: "{count} / {max}",
    ratingRequired: "",
    submitting: "",
    covered: "",
  });
  addCounters(form, texts);
  keepStarsInStep(form);
  followPrompts(form, readJson<PromptIndex>(form.dataset.promptIndex, {}), texts);
  checkBeforeSending(form, texts);
}
