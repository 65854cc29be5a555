/* Filters for the timeline and the claims overview. Progressive enhancement: without this script every
   event is listed on the year pages and every claim in the table. The filter lives in the URL's query
   string, so a filtered view can be shared and reloaded, and the back button steps through past filters.
   Content is only ever inserted with textContent, never as HTML. The words it writes come from the page, in
   the page's language: each filter's data-messages holds them, with {shown} and {total} to fill in. */
(function () {
  "use strict";

  function readState(form) {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      var value = params.get(field.name) || "";
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) {
        return o.value === value;
      })) value = "";
      field.value = value;
    });
  }

  function writeState(form, push) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value.trim()) params.set(field.name, field.value.trim());
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    // Choices from lists are history steps; typing replaces the current step instead of adding one per key.
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function optionLabels(select) {
    var labels = {};
    Array.prototype.forEach.call(select.options, function (o) { labels[o.value] = o.textContent; });
    return labels;
  }

  function messages(root) {
    try {
      return JSON.parse(root.getAttribute("data-messages") || "{}");
    } catch (error) {
      return {};
    }
  }

  /* "Showing all {total} events." or "Showing {shown} of {total} events.", from the page's messages. */
  function countText(root, shown, total) {
    var texts = messages(root);
    var text = (shown === total ? texts.all : texts.some) || "";
    return text.replace(/\{(shown|total)\}/g, function (match, name) {
      return String(name === "shown" ? shown : total);
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function timeline(root) {
    var form = root.querySelector("form");
    var list = root.querySelector(".rec-filter__results");
    var count = root.querySelector(".rec-filter__count");
    var events = window.recordTimeline;
    if (!form || !Array.isArray(events)) return;
    var topicNames = optionLabels(form.elements.topic);

    function render() {
      var topic = form.elements.topic.value, actor = form.elements.actor.value;
      var country = form.elements.country.value;
      var from = parseInt(form.elements.from.value, 10) || -Infinity;
      var to = parseInt(form.elements.to.value, 10) || Infinity;
      var words = form.elements.words.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = events.filter(function (e) {
        var year = parseInt(e[1].slice(0, 4), 10);
        var haystack = (e[3] + " " + e[4]).toLowerCase();
        return (!topic || e[6].indexOf(topic) >= 0) && (!actor || e[7].indexOf(actor) >= 0) &&
          (!country || e[8].indexOf(country) >= 0) &&
          year >= from && year <= to && words.every(function (w) { return haystack.indexOf(w) >= 0; });
      });
      var items = document.createDocumentFragment();
      shown.forEach(function (e) {
        var item = element("li", "rec-event rec-lane--" + e[5]);
        var when = element("time", null, e[2]);
        when.setAttribute("datetime", e[1]);
        item.appendChild(element("p", "rec-event__when")).appendChild(when);
        var link = element("a", null, e[3]);
        link.href = "../events/" + e[0] + ".html";
        item.appendChild(element("p", "rec-event__title")).appendChild(link);
        item.appendChild(element("p", "rec-event__summary", e[4]));
        if (e[6].length) {
          var tags = item.appendChild(element("p", "rec-tags"));
          e[6].forEach(function (id) {
            var tag = element("a", "rec-tag", topicNames[id] || id);
            tag.href = "../topics/" + id + ".html";
            tags.appendChild(tag);
            tags.appendChild(document.createTextNode(" "));
          });
        }
        items.appendChild(item);
      });
      list.replaceChildren(items);
      var shownIds = {};
      shown.forEach(function (e) { shownIds[e[0]] = true; });
      followFilter(shownIds);
      count.textContent = countText(root, shown.length, events.length);
    }

    start(root, form, render);
  }

  function claims(root) {
    var form = root.querySelector("form");
    var rows = root.querySelectorAll("tbody tr");
    var count = root.querySelector(".rec-filter__count");
    if (!form) return;

    function render() {
      var verdict = form.elements.verdict.value, shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var match = !verdict || row.getAttribute("data-verdict") === verdict;
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = countText(root, shown, rows.length);
    }

    start(root, form, render);
  }

  function start(root, form, render) {
    root.querySelector(".rec-filter__nojs").hidden = true;
    form.hidden = false;
    readState(form);
    render();
    form.addEventListener("change", function () { writeState(form, true); render(); });
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "INPUT") { writeState(form, false); render(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { writeState(form, true); render(); }, 0);
    });
    window.addEventListener("popstate", function () { readState(form); render(); });
  }

  function sources(root) {
    var form = root.querySelector("form");
    var groups = root.querySelectorAll(".rec-publisher");
    var count = root.querySelector(".rec-filter__count");
    var total = root.querySelectorAll(".rec-source").length;
    if (!form) return;

    function render() {
      var words = form.elements.words.value.toLowerCase().split(/\s+/).filter(Boolean);
      var type = form.elements.type.value, primary = form.elements.primary.value, shown = 0;
      Array.prototype.forEach.call(groups, function (group) {
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll(".rec-source"), function (item) {
          var haystack = item.getAttribute("data-words");
          var match = (!type || item.getAttribute("data-type") === type) &&
            (!primary || item.getAttribute("data-primary") === primary) &&
            words.every(function (w) { return haystack.indexOf(w) >= 0; });
          item.hidden = !match;
          if (match) visible += 1;
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = countText(root, shown, total);
    }

    start(root, form, render);
  }

  /* The chart: a mark's label under the chart when it is focused, hovered or tapped. On a touch screen the
     first tap shows the label and the second opens the page, so a reader sees what a dot is before going. */
  function chart(figure) {
    var readout = figure.querySelector(".rec-chart__readout");
    var armed = null;
    function show(link) { readout.textContent = link.getAttribute("data-label"); }
    figure.querySelectorAll(".rec-chart__link").forEach(function (link) {
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("pointerdown", function (event) {
        if (event.pointerType === "touch" && armed !== link) { armed = link; link.setAttribute("data-armed", ""); }
      });
      link.addEventListener("click", function (event) {
        if (link.hasAttribute("data-armed")) {
          link.removeAttribute("data-armed");
          event.preventDefault();
          show(link);
          link.focus();
        } else {
          armed = null;
        }
      });
    });
  }

  /* Dim the chart's marks whose events the timeline's filter hides. */
  function followFilter(shownIds) {
    document.querySelectorAll(".rec-chart__link").forEach(function (link) {
      var ids = link.getAttribute("data-events").split(" ");
      var visible = ids.some(function (id) { return shownIds[id]; });
      link.classList.toggle("is-filtered-out", !visible);
    });
  }

  /* Print the page's own address at the top, so a printed page says where it came from. */
  (function () {
    var content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".rec-print-url")) return;
    var line = element("p", "rec-print-url", window.location.href.split("#")[0]);
    content.insertBefore(line, content.firstChild);
  })();

  document.querySelectorAll(".rec-chart").forEach(chart);
  document.querySelectorAll(".rec-filter[data-events]").forEach(timeline);
  document.querySelectorAll(".rec-filter[data-sources]").forEach(sources);
  document.querySelectorAll(".rec-filter[data-claims]").forEach(claims);
})();
