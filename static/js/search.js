// The agents' search page script. Without it the page is a plain GET form with server-rendered
// results; with it:
// - results follow the typing (150 ms debounce). Each request aborts the one before, and a
//   response is shown only if it answers the newest request, so older results never overwrite
//   newer ones. Nothing is sent while an input method is composing (pinyin, zhuyin...).
// - a search is *logged* only when the agent means it: after 1.5 s without typing, on Enter,
//   on a facet or page link, or when a result is opened (see agents/services.py).
// - ↑/↓ choose a result, Enter opens it in the reading pane beside the results (a question
//   tree opens its runner's start page), Esc clears.
(function () {
  "use strict";
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const results = document.getElementById("search-results");
  const pane = document.getElementById("reading-pane");
  if (!form || !input || !results || !pane) {
    return;
  }
  const resultsUrl = form.getAttribute("data-results-url");
  const DEBOUNCE_MS = 150;
  const IDLE_LOG_MS = 1500;
  const paneHint = pane.innerHTML;
  let composing = false;
  let seq = 0;
  let controller = null;
  let debounceTimer = 0;
  let idleTimer = 0;
  let loggedKey = null;
  let selected = -1;
  let paneController = null;

  function resultsBody() {
    return results.querySelector(".results-body");
  }

  function currentFilters() {
    const body = resultsBody();
    return body ? body.getAttribute("data-filters") || "" : "";
  }

  function paramsFor(query, filters) {
    const params = new URLSearchParams(filters);
    if (query.trim()) {
      params.set("q", query);
    }
    return params;
  }

  function keyOf(params) {
    const copy = new URLSearchParams(params);
    copy.delete("log");
    copy.delete("page");
    return copy.toString();
  }

  function load(params, wantLog) {
    const key = keyOf(params);
    const log = wantLog && params.get("q") && key !== loggedKey && !params.get("page");
    const request = new URLSearchParams(params);
    request.delete("log");
    if (log) {
      request.set("log", "1");
    }
    const keepSelection = resultsBody() && keyOf(paramsFor(resultsBody().getAttribute("data-query") || "", currentFilters())) === key;
    const previous = selected;
    seq += 1;
    const mine = seq;
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    results.setAttribute("aria-busy", "true");
    return fetch(resultsUrl + "?" + request.toString(), {
      signal: controller.signal,
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (mine !== seq) {
          return; // a newer request is on its way: this answer is stale
        }
        results.innerHTML = html;
        results.removeAttribute("aria-busy");
        if (log) {
          loggedKey = key;
        }
        selected = -1;
        showEnterHint(null);
        if (keepSelection && previous >= 0) {
          select(previous);
        }
        const address = new URLSearchParams(request);
        address.delete("log");
        window.history.replaceState(null, "", window.location.pathname + (address.toString() ? "?" + address : ""));
      })
      .catch(function (error) {
        if (error.name === "AbortError" || mine !== seq) {
          return;
        }
        results.removeAttribute("aria-busy");
        const body = resultsBody();
        if (body) {
          body.setAttribute("data-error", "1");
        }
      });
  }

  function schedule() {
    window.clearTimeout(debounceTimer);
    window.clearTimeout(idleTimer);
    const params = paramsFor(input.value, currentFilters());
    debounceTimer = window.setTimeout(function () {
      load(params, false);
    }, DEBOUNCE_MS);
    idleTimer = window.setTimeout(function () {
      load(paramsFor(input.value, currentFilters()), true);
    }, IDLE_LOG_MS);
  }

  function links() {
    return Array.prototype.slice.call(results.querySelectorAll("a.result-title"));
  }

  // The key hint under the box says what Enter does with the chosen result: an article opens
  // in the pane, a question tree (no pane URL) opens its runner.
  function showEnterHint(link) {
    const tree = Boolean(link) && !link.hasAttribute("data-pane-url");
    document.querySelectorAll("[data-hint]").forEach(function (hint) {
      hint.hidden = hint.getAttribute("data-hint") !== (tree ? "tree" : "article");
    });
  }

  function select(index) {
    const all = links();
    if (!all.length) {
      selected = -1;
      showEnterHint(null);
      return;
    }
    selected = Math.max(0, Math.min(index, all.length - 1));
    showEnterHint(all[selected]);
    all.forEach(function (link, i) {
      const item = link.closest(".result");
      if (i === selected) {
        item.classList.add("is-selected");
        link.setAttribute("aria-current", "true");
        item.scrollIntoView({ block: "nearest" });
      } else {
        item.classList.remove("is-selected");
        link.removeAttribute("aria-current");
      }
    });
  }

  function openInPane(link) {
    const base = link.getAttribute("data-pane-url");
    if (!base) {
      // A question tree: its runner is a page of its own, so go to its start page.
      window.location.href = link.href;
      return;
    }
    const item = link.closest(".result");
    const rank = item ? item.getAttribute("data-rank") : null;
    const body = resultsBody();
    const params = new URLSearchParams();
    if (rank && body && body.getAttribute("data-query")) {
      const logId = body.getAttribute("data-log-id");
      if (logId) {
        params.set("log", logId);
      } else {
        params.set("q", body.getAttribute("data-query"));
        params.set("n", body.getAttribute("data-total") || "0");
      }
      params.set("rank", rank);
      window.clearTimeout(idleTimer); // opening a result logs the search: no second log
    }
    links().forEach(function (other, i) {
      if (other === link) {
        select(i);
      }
    });
    if (paneController) {
      paneController.abort();
    }
    paneController = new AbortController();
    pane.setAttribute("aria-busy", "true");
    fetch(base + (params.toString() ? "?" + params : ""), { signal: paneController.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        pane.innerHTML = html;
        pane.removeAttribute("aria-busy");
        pane.classList.add("has-article");
        pane.scrollTop = 0;
        const article = pane.querySelector("[data-log-id]");
        const logId = article && article.getAttribute("data-log-id");
        if (logId && body && !body.getAttribute("data-log-id")) {
          body.setAttribute("data-log-id", logId);
          loggedKey = keyOf(paramsFor(body.getAttribute("data-query") || "", currentFilters()));
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.href = link.href; // show the full page instead
        }
      });
  }

  function clearSearch() {
    input.value = "";
    window.clearTimeout(debounceTimer);
    window.clearTimeout(idleTimer);
    load(new URLSearchParams(), false);
    input.focus();
  }

  input.addEventListener("compositionstart", function () {
    composing = true;
  });
  input.addEventListener("compositionend", function () {
    composing = false;
    schedule(); // the composed characters are in the box now
  });
  input.addEventListener("input", function (event) {
    if (composing || event.isComposing) {
      return;
    }
    schedule();
  });

  input.addEventListener("keydown", function (event) {
    // Enter or an arrow that confirms an input method's candidate is not ours.
    if (event.isComposing || composing || event.keyCode === 229) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      select(selected < 0 ? (event.key === "ArrowDown" ? 0 : links().length - 1) : selected + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const all = links();
      if (selected >= 0 && all[selected]) {
        openInPane(all[selected]);
      } else {
        window.clearTimeout(debounceTimer);
        window.clearTimeout(idleTimer);
        load(paramsFor(input.value, currentFilters()), true);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      clearSearch();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(debounceTimer);
    window.clearTimeout(idleTimer);
    load(paramsFor(input.value, currentFilters()), true);
  });

  results.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // a new tab or window: the plain link (which records the click too)
    }
    const link = event.target.closest("a");
    if (!link || !results.contains(link)) {
      return;
    }
    if (link.classList.contains("result-title")) {
      event.preventDefault();
      openInPane(link);
    } else if (link.hasAttribute("data-nav")) {
      // Facets, filters, pages, 'did you mean', categories: same page, new results.
      event.preventDefault();
      const params = new URLSearchParams(link.search);
      input.value = params.get("q") || "";
      load(params, params.get("log") === "1");
      input.focus();
    }
  });

  pane.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-pane]")) {
      pane.innerHTML = paneHint;
      pane.classList.remove("has-article");
      input.focus();
    }
  });

  // "/" anywhere else on the page jumps back to the search box.
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    event.preventDefault();
    input.focus();
    input.select();
  });

  // The results shown came from the server for this address; if it searched, it logged it.
  const first = resultsBody();
  if (first && first.getAttribute("data-log-id")) {
    loggedKey = keyOf(paramsFor(first.getAttribute("data-query") || "", currentFilters()));
  }
  // Put the caret at the end of a query carried over from the address.
  input.setSelectionRange(input.value.length, input.value.length);
})();
