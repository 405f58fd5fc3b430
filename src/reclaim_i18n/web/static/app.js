/* Reclaim Your Face translation workspace. No framework, nothing from another host.
   Every text from a catalogue is inserted with textContent; the only markup taken from
   the server is the English rendered by the site's sanitiser, moved from the page's
   own server-rendered HTML (never parsed from a string here). */
"use strict";

(function () {
  const body = document.body;
  const locale = body.dataset.locale || "";
  const dir = body.dataset.dir || "ltr";
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";
  const CHECK_DELAY = 300;           // ms of pause in typing before the server checks
  const MAX_HOME_PAGE_LISTS = 4;     // an organiser's home lists languages, not every page

  /* ------------------------------------------------------------------ helpers */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach((child) => {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function status(text) {
    const box = document.getElementById("status");
    if (box) box.textContent = text;
  }

  async function api(method, path, data) {
    const options = { method: method, headers: { "Accept": "application/json" },
                      credentials: "same-origin" };
    if (method !== "GET") options.headers["X-CSRF-Token"] = csrf;
    if (data !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(data);
    }
    const response = await fetch(path, options);
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { status: response.status, ok: response.ok, data: json || {} };
  }

  function errorText(result) {
    const data = result.data || {};
    return data.error || data.message || data.detail || ("the server answered " + result.status);
  }

  function translated(props, text) {
    // Text in the language being translated: right lang and direction.
    return el(props.tag || "span", Object.assign({ lang: locale, dir: dir, text: text },
                                                 props.attrs || {}));
  }

  function percent(value) {
    // the server's figure, already rounded down to one decimal (one rule: model.shown_percent)
    return (typeof value === "number" ? value.toFixed(1) : "0.0") + " %";
  }

  /* -------------------------------------------------------------------- drafts */
  const drafts = {
    key: (id) => "rt-draft:" + locale + ":" + id,
    get(id) {
      try { return JSON.parse(localStorage.getItem(drafts.key(id)) || "null"); }
      catch (e) { return null; }
    },
    set(id, msgstr, revision) {
      try { localStorage.setItem(drafts.key(id), JSON.stringify({ msgstr: msgstr, revision: revision })); }
      catch (e) { /* storage full or off: the draft stays only on screen */ }
    },
    drop(id) { try { localStorage.removeItem(drafts.key(id)); } catch (e) { /* ignore */ } },
    all() {
      const out = {};
      const prefix = "rt-draft:" + locale + ":";
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith(prefix)) {
          const value = drafts.get(key.slice(prefix.length));
          if (value && Array.isArray(value.msgstr)) out[key.slice(prefix.length)] = value.msgstr;
        }
      }
      return out;
    },
  };

  /* ---------------------------------------------------------------- home pages */
  async function home() {
    const list = document.getElementById("languages");
    const result = await api("GET", "/api/languages");
    list.removeAttribute("aria-busy");
    if (!result.ok) { status("Could not load your languages: " + errorText(result)); return; }
    const languages = result.data.languages || [];
    if (!languages.length) list.appendChild(el("li", { text: "No language yet: ask an organiser." }));
    languages.forEach((lang) => {
      const words = (lang.words || {});
      const pages = el("ol", { class: "pages", "aria-label": "Pages, in site order" });
      if (languages.length <= MAX_HOME_PAGE_LISTS) fillPages(pages, lang.locale);
      list.appendChild(el("li", { class: "card" }, [
        el("h2", {}, [el("a", { href: "/l/" + lang.locale }, [
          el("span", { lang: lang.locale, dir: lang.direction || "ltr", text: lang.native_name || lang.locale }),
        ])]),
        el("p", { class: "sub", text: lang.english_name || "" }),
        progressBar(lang.percent),
        el("p", { text: "Words translated: " + percent(lang.percent) + " · approved: " +
                         percent(lang.approved_percent) + " · messages: " +
                         ((lang.messages || {}).translated || 0) + " of " + ((lang.messages || {}).total || 0) +
                         (words.total ? " · words: " + (words.translated || 0) + " of " + words.total : "") }),
        pages,
      ]));
    });
  }

  async function fillPages(list, code) {
    // The pages in site order with what is left on each, linked to the editor.
    const result = await api("GET", "/api/languages/" + code + "/pages");
    list.removeAttribute("aria-busy");
    if (!result.ok) { status("Could not load the pages: " + errorText(result)); return; }
    (result.data.pages || []).forEach((page) => {
      const left = page.left_messages || 0;
      list.appendChild(el("li", { class: "page-row" }, [
        el("a", { href: "/l/" + code + "/edit?page=" + encodeURIComponent(page.page), text: page.page }),
        el("span", { class: left ? "left" : "left done",
                     text: left ? left + (left === 1 ? " text" : " texts") + " left (" + (page.left_words || 0) +
                       ((page.left_words || 0) === 1 ? " word)" : " words)") : "all translated" }),
        el("a", { class: "quiet", href: "/preview/" + code + "/" + encodeURIComponent(page.page), text: "preview" }),
      ]));
    });
  }

  function progressBar(value) {
    return el("progress", { max: "100", value: String(Math.floor(value || 0)),
                            "aria-label": "translated" }, []);
  }

  async function languagePage() {
    const langs = await api("GET", "/api/languages");
    const mine = ((langs.data || {}).languages || []).find((l) => l.locale === locale);
    if (mine) {
      document.getElementById("progress").textContent = "Words translated: " + percent(mine.percent) +
        " · approved: " + percent(mine.approved_percent);
    }
    await fillPages(document.getElementById("pages"), locale);
  }

  /* -------------------------------------------------------------------- editor */
  const cards = new Map();   // id → card state

  function englishNode(id) {
    const stored = document.querySelector('#english-store [data-english-for="' + CSS.escape(id) + '"]');
    return stored ? stored.cloneNode(true) : null;
  }

  async function editor() {
    const container = document.getElementById("entries");
    const info = document.getElementById("list-info");
    document.getElementById("next-untranslated").addEventListener("click", nextUntranslated);
    if (body.dataset.entry) {
      const one = await api("GET", "/api/languages/" + locale + "/entries/" + encodeURIComponent(body.dataset.entry));
      if (!one.ok) { info.textContent = "Could not load the entry: " + errorText(one); return; }
      container.removeAttribute("aria-busy");
      container.appendChild(entryCard(one.data));
      fillDetails(cards.get(one.data.id), one.data);
      container.querySelector("textarea").focus();
    } else {
      await loadList(container, info, 0);
    }
    updatePreviewLink();
  }

  async function loadList(container, info, offset) {
    // One page of the list at a time (the API paginates); "Show more" asks for the next.
    const params = new URLSearchParams({ offset: String(offset) });
    if (body.dataset.filter) params.set("state", body.dataset.filter);
    if (body.dataset.page) params.set("page", body.dataset.page);
    const list = await api("GET", "/api/languages/" + locale + "/entries?" + params.toString());
    container.removeAttribute("aria-busy");
    if (!list.ok) { info.textContent = "Could not load the entries: " + errorText(list); return; }
    const entries = list.data.entries || [];
    const shown = offset + entries.length;
    const total = list.data.total || shown;
    info.textContent = total ? shown + " of " + total + " texts" : "Nothing here: well done.";
    const nodes = entries.map(entryCard);
    nodes.forEach((node) => container.appendChild(node));
    const more = document.getElementById("show-more");
    if (more) more.remove();
    if (shown < total) {
      container.after(el("button", { type: "button", id: "show-more", class: "button button-quiet",
        text: "Show more", onclick: () => loadList(container, info, shown) }));
    }
    if (nodes.length && offset) nodes[0].querySelector("textarea").focus();
  }

  // Glossary, suggestions and the diff come with the single entry: fetched when a card
  // comes near the screen, not for a whole list at once.
  const detailsWanted = "IntersectionObserver" in window ? new IntersectionObserver((seen) => {
    seen.filter((e) => e.isIntersecting).forEach((e) => {
      detailsWanted.unobserve(e.target);
      loadDetails(e.target.dataset.entryId);
    });
  }, { rootMargin: "400px" }) : null;

  async function loadDetails(id) {
    const result = await api("GET", "/api/languages/" + locale + "/entries/" + encodeURIComponent(id));
    const card = cards.get(id);
    if (result.ok && card) fillDetails(card, result.data);
  }

  function entryCard(entry) {
    const card = { entry: entry, revision: entry.revision, areas: [], timer: null, seq: 0 };
    cards.set(entry.id, card);
    const section = el("section", { class: "entry state-" + (entry.state || ""), id: "entry-" + entry.id,
                                    "aria-labelledby": "where-" + entry.id });
    card.node = section;
    section.dataset.entryId = entry.id;
    if (!("suggestions" in entry) && detailsWanted) detailsWanted.observe(section);
    section.appendChild(el("h2", { class: "where", id: "where-" + entry.id,
                                   text: [entry.page, entry.section].filter(Boolean).join(" › ") || entry.msgctxt || "text" }));
    card.badges = el("p", { class: "badges" }, stateBadges(entry));
    section.appendChild(card.badges);
    const english = el("div", { class: "english" }, [el("h3", { text: "English" })]);
    const rendered = englishNode(entry.id);
    if (rendered) { rendered.classList.add("english-html"); english.appendChild(rendered); }
    const raw = el("details", { class: "raw" }, [el("summary", { text: "English as written (Markdown)" }),
      el("pre", { lang: "en", dir: "ltr", text: entry.msgid + (entry.msgid_plural ? "\n\n" + entry.msgid_plural : "") })]);
    english.appendChild(raw);
    section.appendChild(english);
    card.details = el("div", { class: "details" });
    section.appendChild(card.details);
    (entry.notes || []).forEach((note) => card.details.appendChild(el("p", { class: "note", lang: "en", text: "Note: " + note })));
    section.appendChild(editArea(card));
    return section;
  }

  function sectionState(card, state) {
    [...card.node.classList].filter((c) => c.startsWith("state-")).forEach((c) => card.node.classList.remove(c));
    card.node.classList.add("state-" + state);
  }

  function stateBadges(entry) {
    const out = [el("span", { class: "badge badge-" + (entry.state || "x"), text: entry.state || "" })];
    if (entry.fuzzy && entry.state !== "fuzzy") out.push(el("span", { class: "badge badge-fuzzy", text: "fuzzy" }));
    if (entry.approved) out.push(el("span", { class: "badge badge-approved", text: "approved" }));
    return out;
  }

  function editArea(card) {
    const entry = card.entry;
    const form = el("form", { class: "edit", novalidate: true });
    form.addEventListener("submit", (event) => { event.preventDefault(); save(card); });
    const examples = entry.plural_examples || [];
    const count = Math.max(entry.msgstr.length, examples.length, 1);
    for (let i = 0; i < count; i++) {
      const id = "t-" + entry.id + "-" + i;
      const ex = examples[i];
      // Plural forms: "one — 1, 21, 31 …" (CLDR category and example numbers).
      const label = entry.msgid_plural
        ? "Translation for " + (ex ? (ex.category || "form " + i) + " — " + ex.examples : "form " + i)
        : "Translation";
      const area = el("textarea", { id: id, lang: locale, dir: dir, rows: "3", spellcheck: "true",
                                    "aria-describedby": "f-" + entry.id + " c-" + entry.id });
      area.value = entry.msgstr[i] || "";
      area.addEventListener("input", () => changed(card));
      area.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); save(card); }
      });
      card.areas.push(area);
      form.appendChild(el("label", { for: id, text: label }));
      form.appendChild(area);
    }
    card.counter = el("p", { class: "counter", id: "c-" + entry.id, "aria-live": "polite" });
    form.appendChild(card.counter);
    card.findings = el("ul", { class: "findings", id: "f-" + entry.id, "aria-live": "polite" });
    form.appendChild(card.findings);
    card.conflict = el("div", { class: "conflict", hidden: true, role: "alert" });
    form.appendChild(card.conflict);
    card.restore = el("p", { class: "restore", hidden: true });
    form.appendChild(card.restore);
    card.saveButton = el("button", { type: "submit", class: "button", text: "Save" });
    card.saved = el("span", { class: "saved", "aria-live": "polite" });
    form.appendChild(el("p", { class: "save-row" }, [card.saveButton, card.saved]));
    showFindings(card, entry.findings || []);
    updateCounter(card);
    offerDraft(card);
    return form;
  }

  function values(card) { return card.areas.map((area) => area.value); }

  function changed(card) {
    drafts.set(card.entry.id, values(card), card.revision);
    card.saved.textContent = "Not saved yet";
    updateCounter(card);
    updatePreviewLink();
    clearTimeout(card.timer);
    card.timer = setTimeout(() => check(card), CHECK_DELAY);
  }

  function updateCounter(card) {
    const limit = card.entry.max_length;
    const longest = Math.max(...values(card).map((text) => [...text].length));
    card.counter.textContent = limit ? longest + " / " + limit + " characters" : longest + " characters";
    card.counter.classList.toggle("over", Boolean(limit && longest > limit));
  }

  async function check(card) {
    const seq = ++card.seq;
    const result = await api("POST", "/api/languages/" + locale + "/check",
                             { id: card.entry.id, msgstr: values(card) });
    if (seq !== card.seq) return;   // a newer check is on its way
    if (result.ok) showFindings(card, result.data.findings || []);
  }

  function showFindings(card, findings) {
    card.findings.replaceChildren(...findings.map((f) => el("li", { class: "finding finding-" + f.severity }, [
      el("strong", { text: (f.severity === "error" ? "Error" : "Warning") + ": " }),
      el("span", { text: f.message }),
      f.hint ? el("span", { class: "hint", text: " — " + f.hint }) : null,
      el("span", { class: "check-id", text: " [" + f.check + "]" }),
    ])));
    card.node.classList.toggle("has-errors", findings.some((f) => f.severity === "error"));
  }

  function fillDetails(card, data) {
    const box = card.details;
    if (data.english_diff) box.appendChild(el("div", { class: "diff" }, [
      el("h3", { text: "What changed in the English since the old translation" }),
      diffNode(data.english_diff)]));
    if ((data.glossary || []).length) box.appendChild(el("div", { class: "glossary" }, [
      el("h3", { text: "Glossary" }),
      el("dl", {}, data.glossary.flatMap((g) => [el("dt", { lang: "en", text: g.term }),
                                                 translated({ tag: "dd" }, g.translation || "(keep in English)")]))]));
    if ((data.suggestions || []).length) box.appendChild(el("div", { class: "suggestions" }, [
      el("h3", { text: "Suggestions" }),
      el("ul", {}, data.suggestions.map((s) => el("li", {}, [
        translated({}, s.text), el("span", { class: "source", text: " (" + s.source + ") " }),
        el("button", { type: "button", class: "button-small", text: "Use",
                       onclick: () => { card.areas[0].value = s.text; changed(card); card.areas[0].focus(); } }),
      ])))]));
  }

  function diffNode(text) {
    // "[-removed-]{+added+}" as git diff --word-diff writes it → del/ins elements.
    const out = el("p", { class: "word-diff", lang: "en", dir: "ltr" });
    const pattern = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/g;
    let last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) out.appendChild(document.createTextNode(text.slice(last, match.index)));
      out.appendChild(match[1] !== undefined ? el("del", { text: match[1] }) : el("ins", { text: match[2] }));
      last = pattern.lastIndex;
    }
    if (last < text.length) out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  function offerDraft(card) {
    const draft = drafts.get(card.entry.id);
    if (!draft || !Array.isArray(draft.msgstr)) return;
    if (JSON.stringify(draft.msgstr) === JSON.stringify(card.entry.msgstr)) { drafts.drop(card.entry.id); return; }
    card.restore.hidden = false;
    card.restore.replaceChildren(
      el("span", { text: "You have an unsaved draft of this text: " }),
      translated({ attrs: { class: "draft-text" } }, draft.msgstr.join(" | ")), " ",
      el("button", { type: "button", class: "button-small", text: "Restore draft", onclick: () => {
        draft.msgstr.forEach((text, i) => { if (card.areas[i]) card.areas[i].value = text; });
        card.restore.hidden = true; changed(card); card.areas[0].focus();
      } }), " ",
      el("button", { type: "button", class: "button-small button-quiet", text: "Discard", onclick: () => {
        drafts.drop(card.entry.id); card.restore.hidden = true; updatePreviewLink();
      } }));
  }

  async function save(card, options) {
    const msgstr = values(card);
    card.saveButton.disabled = true;
    card.saved.textContent = "Saving…";
    const path = "/api/languages/" + locale + "/entries/" + encodeURIComponent(card.entry.id);
    const result = await api("PUT", path, { msgstr: msgstr, fuzzy: false,
                                            revision: (options && options.revision) || card.revision });
    card.saveButton.disabled = false;
    if (result.ok) {
      const saved = result.data.entry || result.data;
      card.revision = saved.revision || card.revision;
      card.entry.msgstr = saved.msgstr || msgstr;
      drafts.drop(card.entry.id);
      card.conflict.hidden = true;
      card.restore.hidden = true;
      showFindings(card, saved.findings || []);
      if (saved.state) {
        card.badges.replaceChildren(...stateBadges(saved));
        sectionState(card, saved.state);
      }
      card.saved.textContent = "Saved";
      status("Saved.");
      updatePreviewLink();
    } else if (result.status === 409) {
      card.saved.textContent = "Not saved: someone else changed this text";
      showConflict(card, result.data, msgstr);
    } else {
      card.saved.textContent = "Not saved: " + errorText(result) + " (your draft is kept)";
      status("Not saved: " + errorText(result));
    }
  }

  function showConflict(card, data, mine) {
    const theirs = data.current || data.theirs || data.server || {};
    const theirText = theirs.msgstr || [];
    card.conflict.hidden = false;
    card.conflict.replaceChildren(
      el("h3", { text: "Someone saved this text while you were editing it" }),
      el("p", { text: "Their version" + (theirs.translator ? " (" + theirs.translator + ")" : "") + ":" }),
      translated({ tag: "blockquote", attrs: { class: "theirs" } }, theirText.join("\n")),
      el("p", { text: "Your version:" }),
      translated({ tag: "blockquote", attrs: { class: "mine" } }, mine.join("\n")),
      el("p", { class: "choose" }, [
        el("button", { type: "button", class: "button", text: "Keep mine", onclick: () => {
          save(card, { revision: theirs.revision });
        } }), " ",
        el("button", { type: "button", class: "button button-quiet", text: "Take theirs", onclick: () => {
          theirText.forEach((text, i) => { if (card.areas[i]) card.areas[i].value = text; });
          card.revision = theirs.revision || card.revision;
          card.entry.msgstr = theirText;
          drafts.drop(card.entry.id);
          card.conflict.hidden = true;
          card.saved.textContent = "Their version kept";
          updateCounter(card);
          check(card);
        } }),
      ]));
    const keep = card.conflict.querySelector("button");
    if (keep) keep.focus();
  }

  function nextUntranslated() {
    const empty = [...cards.values()].find((card) => card.areas.some((a) => !a.value.trim()));
    if (empty) { empty.areas.find((a) => !a.value.trim()).focus(); empty.node.scrollIntoView({ block: "center" }); return; }
    const page = body.dataset.page ? "&page=" + encodeURIComponent(body.dataset.page) : "";
    window.location.assign("/l/" + locale + "/edit?filter=untranslated" + page);
  }

  function updatePreviewLink() {
    const link = document.getElementById("preview-link");
    if (!link) return;
    const all = drafts.all();
    const base = "/preview/" + locale + "/" + encodeURIComponent(body.dataset.page);
    link.href = Object.keys(all).length ? base + "?drafts=" + encodeURIComponent(JSON.stringify(all)) : base;
  }

  /* -------------------------------------------------------------------- review */
  async function review() {
    const container = document.getElementById("entries");
    const info = document.getElementById("list-info");
    const list = await api("GET", "/api/languages/" + locale + "/entries?state=review");
    container.removeAttribute("aria-busy");
    if (!list.ok) { info.textContent = "Could not load the entries: " + errorText(list); return; }
    const entries = list.data.entries || [];
    info.textContent = entries.length ? entries.length + " texts await review" : "Nothing awaits review.";
    entries.forEach((entry) => container.appendChild(reviewCard(entry)));
  }

  function reviewCard(entry) {
    const section = el("section", { class: "entry", id: "entry-" + entry.id });
    section.appendChild(el("h2", { class: "where", text: [entry.page, entry.section].filter(Boolean).join(" › ") }));
    const rendered = englishNode(entry.id);
    section.appendChild(el("div", { class: "english" }, [el("h3", { text: "English" }), rendered]));
    const changes = document.querySelector('#changes-store [data-changes-for="' + CSS.escape(entry.id) + '"]');
    if (changes && changes.dataset.englishDiff) section.appendChild(el("div", { class: "diff" }, [
      el("h3", { text: "English since it was last approved" }), diffNode(changes.dataset.englishDiff)]));
    if (changes && changes.dataset.translationDiff) {
      const diff = diffNode(changes.dataset.translationDiff);
      diff.setAttribute("lang", locale); diff.setAttribute("dir", dir);
      section.appendChild(el("div", { class: "diff" }, [
        el("h3", { text: "Translation since it was last approved" }), diff]));
    }
    if (!changes || !(changes.dataset.englishDiff || changes.dataset.translationDiff)) {
      section.appendChild(el("p", { class: "note", text: "Never approved before." }));
    }
    section.appendChild(el("h3", { text: "Translation" + (entry.translator ? " by " + entry.translator : "") }));
    section.appendChild(translated({ tag: "p", attrs: { class: "translation" } }, (entry.msgstr || []).join("\n")));
    const findings = el("ul", { class: "findings" }, (entry.findings || []).map((f) =>
      el("li", { class: "finding finding-" + f.severity, text: f.message + (f.hint ? " — " + f.hint : "") })));
    section.appendChild(findings);
    const outcome = el("span", { class: "saved", "aria-live": "polite" });
    section.appendChild(el("p", { class: "save-row" }, [
      el("button", { type: "button", class: "button", text: "Approve", onclick: async (event) => {
        event.target.disabled = true;
        const result = await api("POST", "/api/languages/" + locale + "/entries/" + encodeURIComponent(entry.id) + "/approve",
                                 { revision: entry.revision });
        event.target.disabled = false;
        outcome.textContent = result.ok ? "Approved" : "Not approved: " + errorText(result);
      } }), " ",
      el("a", { class: "button button-quiet", href: "/l/" + locale + "/edit?entry=" + encodeURIComponent(entry.id), text: "Correct" }),
      outcome,
    ]));
    return section;
  }

  const views = { home: home, language: languagePage, editor: editor, review: review };
  const view = views[body.dataset.view];
  if (view) view().catch((error) => status("Something went wrong: " + error.message));
})();
