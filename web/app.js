/* SPDX-License-Identifier: MIT */
/* The page: reads what the person pastes or drops, hands the bytes to the
 * library (ws2fix_web_run in src/web/web_api.c, compiled to WebAssembly)
 * and shows the documents it returns.  It decides nothing itself: the
 * input kind, the findings, the verdict (the CLI's exit code) and the plan
 * all come from the library, as for `ws2fix diagnose --json` and
 * `ws2fix repair --json`.
 *
 * Hooks for tests and scripts: #input, #verdict[data-exit] (also
 * data-kind, data-seq: one more after every result, data-ms: time in the
 * library), [data-code][data-severity] on every finding, [data-symptom]
 * on every symptom `explain` matched for text that is no catalog,
 * [data-cause] on the likely cause (and data-vendor, data-ifs on each of
 * its layered providers), and
 * [data-version] in the footer. */
"use strict";
(function () {
  var I18N = window.WS2FIX_I18N;
  var $ = function (id) { return document.getElementById(id); };
  var input = $("input"), fileInput = $("file"), kindEl = $("kind"), verdict = $("verdict");
  var result = $("result"), osEl = $("os"), findingsEl = $("findings"), planEl = $("plan");
  var download = $("download"), downloadCmd = $("download-cmd"), fixNote = $("fix-note"), langSwitch = $("lang-switch");
  var explainEl = $("explain"), fileInUse = $("file-in-use"), versionEl = $("version");
  var catalogEl = $("catalog"), causeEl = $("cause");

  var PREVIEW_CHARS = 200000;
  var state = {
    lang: pickLang(),
    module: null,
    loadError: null,
    file: null,      /* {name, bytes} while the input is a file as read */
    doc: null,       /* the last document from the library */
    seq: 0,
    timer: 0
  };

  function pickLang() {
    try {
      var saved = window.localStorage.getItem("ws2fix-lang");
      if (saved && I18N[saved]) return saved;
    } catch (e) { /* storage may be off (file://, privacy mode) */ }
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
    for (var i = 0; i < langs.length; i++) {
      var l = String(langs[i]).toLowerCase();
      if (l.indexOf("sv") === 0) return "sv";
      if (l.indexOf("en") === 0) return "en";
    }
    return "en";
  }

  function t(key, args) {
    var s = I18N[state.lang][key];
    if (s === undefined) s = I18N.en[key];
    return s.replace(/\{(\w+)\}/g, function (m, k) {
      return args && args[k] !== undefined && args[k] !== null ? String(args[k]) : m;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function applyStatic() {
    document.documentElement.lang = state.lang;
    document.title = t("title");
    var nodes = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute("data-i18n"));
    var other = state.lang === "en" ? "sv" : "en";
    langSwitch.textContent = I18N[other].switch_to;
    langSwitch.setAttribute("lang", other);
  }

  /* ---- input ---- */

  function inputBytes() {
    if (state.file) return state.file.bytes;
    return new TextEncoder().encode(input.value);
  }

  /* What a file says, for the text area: regedit writes UTF-16LE with a
   * BOM.  The library gets the bytes as they are, not this text. */
  function decodeForDisplay(bytes) {
    var enc = "utf-8";
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) enc = "utf-16le";
    else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) enc = "utf-16be";
    try {
      return new TextDecoder(enc).decode(bytes);
    } catch (e) {
      return new TextDecoder("utf-8").decode(bytes);
    }
  }

  /* The file in use, by name: the native picker keeps showing what was
   * last picked with it, so a dropped file resets it (picking that same
   * file again then works) and this line says which file is checked. */
  function showFileInUse() {
    fileInUse.hidden = !state.file;
    fileInUse.textContent = state.file ? t("file_in_use", { name: state.file.name }) : "";
  }

  function loadFile(file, picked) {
    if (!file) return;
    if (!picked) fileInput.value = "";
    var reader = new FileReader();
    reader.onload = function () {
      var bytes = new Uint8Array(reader.result);
      state.file = { name: file.name, bytes: bytes };
      showFileInUse();
      var text = decodeForDisplay(bytes);
      /* A text area holding megabytes takes the browser seconds to lay
       * out: show the beginning, and keep the file as it is for the
       * check, read-only so that no edit can cut it short. */
      state.file.partial = text.length > PREVIEW_CHARS;
      input.readOnly = state.file.partial;
      input.value = state.file.partial ? text.slice(0, PREVIEW_CHARS) + "\n…" : text;
      input.scrollTop = 0;
      run();
    };
    reader.readAsArrayBuffer(file);
  }

  function schedule(immediate) {
    clearTimeout(state.timer);
    if (immediate) run();
    else state.timer = setTimeout(run, 250);
  }

  input.addEventListener("input", function (e) {
    /* Edited by hand: from now on the text is the input. */
    state.file = null;
    fileInput.value = "";
    showFileInUse();
    /* A paste, a drop or a script's insertText arrives whole: check it
     * now.  Typing waits for a pause. */
    var whole = (e.inputType && e.inputType.indexOf("insertFrom") === 0) || (e.data && e.data.length > 1);
    schedule(whole);
  });
  fileInput.addEventListener("change", function () {
    loadFile(fileInput.files && fileInput.files[0], true);
  });
  $("clear").addEventListener("click", function () {
    state.file = null;
    input.readOnly = false;
    input.value = "";
    fileInput.value = "";
    showFileInUse();
    run();
    input.focus();
  });
  /* A file dropped anywhere on the page (not only on the text area). */
  document.addEventListener("dragover", function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      document.body.classList.add("dragging");
    }
  });
  document.addEventListener("dragleave", function () { document.body.classList.remove("dragging"); });
  document.addEventListener("drop", function (e) {
    document.body.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
      e.preventDefault();
      loadFile(e.dataTransfer.files[0]);
    }
  });
  langSwitch.addEventListener("click", function () {
    state.lang = state.lang === "en" ? "sv" : "en";
    try { window.localStorage.setItem("ws2fix-lang", state.lang); } catch (e) { /* not kept */ }
    applyStatic();
    showFileInUse();
    run(); /* the library words findings and plans in the language */
  });
  /* The names are the library's: the .cmd imports the .reg by name. */
  function save(b64, name) {
    var blob = new Blob([fromBase64(b64)], { type: "application/octet-stream" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    /* Not put in the document: a link without text would be one more
     * thing for a screen reader to stumble over. */
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  download.addEventListener("click", function () {
    if (!state.doc || !state.doc.fix_file_base64) return;
    save(state.doc.fix_file_base64, state.doc.fix_name + ".reg");
  });
  downloadCmd.addEventListener("click", function () {
    if (!state.doc || !state.doc.fix_cmd_base64) return;
    save(state.doc.fix_cmd_base64, state.doc.fix_name + ".cmd");
  });

  function fromBase64(s) {
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /* ---- the library ---- */

  function run() {
    clearTimeout(state.timer);
    if (!state.module) {
      kindEl.textContent = state.loadError ? t("load_failed", { message: state.loadError }) : t("loading");
      return;
    }
    var bytes = inputBytes();
    if (bytes.length === 0) {
      state.doc = null;
      render(null, 0);
      return;
    }
    var t0 = performance.now();
    var m = state.module;
    m.FS.writeFile("/input", bytes);
    var ptr = m.ccall("ws2fix_web_run", "number", ["string", "string", "string"],
      ["/input", state.lang, state.file ? state.file.name : ""]);
    var text = m.UTF8ToString(ptr);
    m._ws2fix_web_free(ptr);
    m.FS.unlink("/input");
    var doc;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      doc = { input_kind: "none", exit: 2, error: { code: "ERROR", stage: "read", message: String(e) } };
    }
    state.doc = doc;
    render(doc, performance.now() - t0);
  }

  /* ---- showing the documents ---- */

  function render(doc, ms) {
    state.seq++;
    verdict.setAttribute("data-seq", String(state.seq));
    verdict.setAttribute("data-ms", ms.toFixed(1));
    findingsEl.textContent = "";
    explainEl.textContent = "";
    planEl.textContent = "";
    catalogEl.textContent = "";
    causeEl.textContent = "";
    osEl.textContent = "";
    download.hidden = true;
    downloadCmd.hidden = true;
    fixNote.hidden = true;
    if (!doc) {
      kindEl.textContent = t("kind_empty");
      verdict.setAttribute("data-exit", "");
      verdict.setAttribute("data-kind", "");
      verdict.textContent = "";
      result.hidden = true;
      return;
    }
    result.hidden = false;
    var explained = !!(doc.explain && doc.explain.matches && doc.explain.matches.length);
    var kindText = explained ? t("kind_text")
      : t("kind_" + (I18N.en["kind_" + doc.input_kind] ? doc.input_kind : "none"));
    if (state.file) {
      kindText = t("kind_file", { name: state.file.name, size: state.file.bytes.length }) + " " + kindText;
      if (state.file.partial) kindText += " " + t("preview");
    }
    kindEl.textContent = kindText;
    verdict.setAttribute("data-exit", String(doc.exit));
    verdict.setAttribute("data-kind", doc.input_kind);
    verdict.className = "verdict exit-" + doc.exit;

    var d = doc.diagnosis;
    if (!d && explained) {
      verdict.className = "verdict explained";
      verdict.textContent = t("verdict_explained");
      renderExplain(doc.explain);
      return;
    }
    if (!d) {
      verdict.textContent = doc.input_kind === "hive" ? t("verdict_hive")
        : doc.error && doc.error.stage === "detect" ? t("verdict_none")
        : t("verdict_unreadable", { message: doc.error ? inputMessage(doc.error.message) : "" });
      return;
    }
    var s = d.summary;
    if (doc.exit === 0)
      verdict.textContent = s.warnings || s.infos
        ? t("verdict_healthy_notes", { warnings: s.warnings, infos: s.infos })
        : t("verdict_healthy");
    else
      verdict.textContent = t("verdict_problems", { errors: s.errors, warnings: s.warnings, infos: s.infos });
    /* The fix file is what a helper came for: the verdict says it is
     * there, and its button sits right under it (index.html). */
    if (doc.fix_file_base64) verdict.textContent += " " + t("verdict_fix_ready");
    if (d.os) osEl.textContent = t("os", { name: d.os.name || t("os_unknown") }) + (d.os.arch ? " " + d.os.arch : "");

    renderCause(d.cause);
    renderFindings(d);
    renderPlan(doc);
    renderCatalog(doc);
    if (doc.error) {
      /* Diagnosed, but the plan or the fix file failed. */
      planEl.appendChild(el("p", "error", t("verdict_unreadable", { message: inputMessage(doc.error.message) })));
    }
  }

  /* ---- the catalog: a picture and a table, one click apart ---- */

  var SVGNS = "http://www.w3.org/2000/svg";
  var NODE_W = 230, COL_GAP = 90, ROW_GAP = 12, LINE_H = 14, PAD = 8;

  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Which column a node stands in: what programs open on the left, the
   * layered providers (and ids no entry has) in the middle, the base
   * providers on the right.  A view without chains is one column. */
  function column(kind) {
    if (kind === "layered" || kind === "missing") return 1;
    if (kind === "base") return 2;
    return 0;
  }

  function clip(s) { return s.length > 32 ? s.slice(0, 31) + "…" : s; }

  /* A small layered layout of our own: columns by kind, rows in catalog
   * order for the chains, then each middle and right node at the mean row
   * of the nodes linking to it (fewer crossings), the rest after them. */
  function layout(v) {
    var cols = v.edges.length ? [[], [], []] : [[]];
    var pos = v.nodes.map(function () { return { col: 0, y: 0, h: 0, key: 0 }; });
    var incoming = v.nodes.map(function () { return []; });
    v.edges.forEach(function (e) { incoming[e.to].push(e.from); });
    v.nodes.forEach(function (n, i) {
      var c = cols.length === 1 ? 0 : column(n.kind);
      pos[i].col = c;
      pos[i].h = n.label.split("\n").length * LINE_H + PAD;
      cols[c].push(i);
    });
    for (var c = 0; c < cols.length; c++) {
      cols[c].forEach(function (i, r) {
        var from = incoming[i].filter(function (j) { return pos[j].col < c || (pos[j].col === c && j !== i); });
        var sum = 0;
        from.forEach(function (j) { sum += pos[j].key; });
        pos[i].key = c === 0 || !from.length ? 1e6 + r : sum / from.length;
        if (c === 0) pos[i].key = r;
      });
      cols[c].sort(function (a, b) { return pos[a].key - pos[b].key; });
      var y = PAD;
      cols[c].forEach(function (i, r) {
        pos[i].y = y;
        pos[i].key = r;
        y += pos[i].h + ROW_GAP;
      });
      cols[c].height = y;
    }
    var height = 0;
    cols.forEach(function (cl) { height = Math.max(height, cl.height); });
    return { pos: pos, width: cols.length * NODE_W + (cols.length - 1) * COL_GAP + 2 * PAD, height: height + PAD };
  }

  function drawView(v) {
    var L = layout(v);
    var svg = svgEl("svg", { "class": "graph", width: L.width, height: L.height, viewBox: "0 0 " + L.width + " " + L.height,
      role: "img", "aria-label": v.label, "data-catalog": v.catalog, "data-view": v.view });
    var defs = svgEl("defs", {});
    ["", "-broken"].forEach(function (s) {
      var m = svgEl("marker", { id: "arrow" + s, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
        orient: "auto-start-reverse" });
      m.appendChild(svgEl("path", { d: "M 0 0 L 10 5 L 0 10 z", "class": "arrow" + s }));
      defs.appendChild(m);
    });
    svg.appendChild(defs);
    var x = function (i) { return PAD + L.pos[i].col * (NODE_W + COL_GAP); };
    v.edges.forEach(function (e) {
      var a = L.pos[e.from], b = L.pos[e.to];
      var x1 = x(e.from) + NODE_W, y1 = a.y + a.h / 2, x2 = x(e.to), y2 = b.y + b.h / 2;
      if (a.col === b.col) { /* layered to layered: around the right side */
        x2 = x(e.to) + NODE_W;
        var bend = x1 + COL_GAP / 2;
        var d = "M " + x1 + " " + y1 + " C " + bend + " " + y1 + " " + bend + " " + y2 + " " + x2 + " " + y2;
      } else {
        var mid = (x1 + x2) / 2;
        d = "M " + x1 + " " + y1 + " C " + mid + " " + y1 + " " + mid + " " + y2 + " " + x2 + " " + y2;
      }
      var cls = "edge" + (e.broken ? " broken" : "") + (e.missing ? " missing" : "");
      var p = svgEl("path", { d: d, "class": cls, "marker-end": "url(#arrow" + (e.broken || e.missing ? "-broken" : "") + ")",
        "data-chain": e.chain, "data-link": e.link, "data-from": v.nodes[e.from].name, "data-to": v.nodes[e.to].name });
      p.appendChild(svgEl("title", {}, v.nodes[e.from].name + " → " + v.nodes[e.to].name));
      svg.appendChild(p);
    });
    v.nodes.forEach(function (n, i) {
      var P = L.pos[i];
      var cls = "node kind-" + n.kind + (n.broken ? " broken" : "") + (n.orphan ? " orphan" : "") + (n.removed ? " removed" : "");
      var g = svgEl("g", { "class": cls, "data-name": n.name, "data-key": n.key || "", transform: "translate(" + x(i) + "," + P.y + ")" });
      g.appendChild(svgEl("title", {}, n.label.split("\n").join(" · ")));
      if (n.removed) g.appendChild(svgEl("rect", { x: -3, y: -3, width: NODE_W + 6, height: P.h + 6, rx: 7, "class": "outer" }));
      g.appendChild(svgEl("rect", { width: NODE_W, height: P.h, rx: n.kind === "chain" ? 7 : 2, "class": "box" }));
      n.label.split("\n").forEach(function (line, k) {
        g.appendChild(svgEl("text", { x: 6, y: PAD / 2 + (k + 1) * LINE_H - 3, "class": k === 0 ? "id" : "" }, clip(line)));
      });
      svg.appendChild(g);
    });
    return svg;
  }

  function catalogTable(doc) {
    var table = el("table", "catalog-table");
    var head = el("tr");
    ["col_view", "col_id", "col_key", "col_name", "col_kind", "col_dll", "col_chain", "col_marks"].forEach(function (c) {
      head.appendChild(el("th", null, t(c)));
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    var marks = {};
    (doc.graph ? doc.graph.views : []).forEach(function (v) {
      v.nodes.forEach(function (n) { if (n.key) marks[v.catalog + v.view + n.key] = n; });
    });
    (doc.diagnosis.catalogs || []).forEach(function (c) {
      (c.entries || []).forEach(function (e) {
        var n = marks[c.kind + c.view + e.key] || {};
        var kind = c.kind === "namespace" ? "namespace" : (e.kind || "unreadable");
        var tr = el("tr", (n.broken ? "broken " : "") + (n.orphan ? "orphan " : "") + (n.removed ? "removed" : ""));
        var m = [];
        if (n.broken) m.push(t("mark_broken"));
        if (n.orphan) m.push(t("mark_orphan"));
        if (n.removed) m.push(t("mark_removed"));
        [t(c.kind === "namespace" ? "view_namespace" : "view_protocol", { view: c.view }),
          e.catalog_id === undefined ? "" : String(e.catalog_id), e.key, e.display_name || e.name || e.display_string || "",
          t("kind_word_" + kind), e.path || "", (e.chain || []).slice(0, e.chain_len > 1 ? e.chain_len : 0).join(" → "),
          m.join(", ")].forEach(function (text) { tr.appendChild(el("td", null, text)); });
        body.appendChild(tr);
      });
    });
    table.appendChild(body);
    return table;
  }

  function renderCatalog(doc) {
    if (!doc.graph || !doc.diagnosis) return;
    catalogEl.appendChild(el("h3", null, t("catalog_heading")));
    var bar = el("div", "catalog-switch");
    bar.setAttribute("role", "group");
    var picBtn = el("button", null, t("catalog_picture")), tabBtn = el("button", null, t("catalog_table"));
    picBtn.type = tabBtn.type = "button";
    picBtn.id = "show-picture";
    tabBtn.id = "show-table";
    bar.appendChild(picBtn);
    bar.appendChild(tabBtn);
    catalogEl.appendChild(bar);
    var pic = el("div", "catalog-picture"), tab = el("div", "catalog-table-wrap");
    pic.id = "catalog-picture";
    tab.id = "catalog-table";
    pic.appendChild(el("p", "legend", t("catalog_legend")));
    doc.graph.views.forEach(function (v) {
      var fig = el("figure");
      fig.appendChild(el("figcaption", null, v.label));
      fig.appendChild(drawView(v));
      pic.appendChild(fig);
    });
    tab.appendChild(catalogTable(doc));
    catalogEl.appendChild(pic);
    catalogEl.appendChild(tab);
    function show(picture) {
      state.picture = picture;
      pic.hidden = !picture;
      tab.hidden = picture;
      picBtn.setAttribute("aria-pressed", String(picture));
      tabBtn.setAttribute("aria-pressed", String(!picture));
    }
    picBtn.addEventListener("click", function () { show(true); });
    tabBtn.addEventListener("click", function () { show(false); });
    show(state.picture !== false);
  }

  /* The library names the file it read, which here is always /input:
   * name what the person gave instead ("line 8: ..."). */
  function inputMessage(m) {
    return String(m || "").replace(/\/input:(\d+):\s*/g, function (x, n) {
      return t("line", { n: n }) + ": ";
    }).replace(/\/input\b:?\s*/g, "");
  }

  function where(f) {
    var parts = [];
    var cat = { protocol: "catalog_protocol", namespace: "catalog_namespace", transport: "catalog_transport" }[f.catalog];
    if (cat) parts.push(t(cat));
    if (f.view) parts.push(t("view_" + f.view));
    if (f.entry) parts.push(t("entry", { entry: f.entry }));
    if (f.catalog_id !== null && f.catalog_id !== undefined) parts.push(t("catalog_id", { id: f.catalog_id }));
    if (f.path) parts.push(f.path);
    return parts.join(", ");
  }

  /* A finding's fix, as the library words it for this source (findings.def,
   * MSG_FIX_*; what fits an export, netsh text or a HijackThis log is the
   * library's to say, as for the CLI).  The one place the page takes it. */
  /* The library's fix, fitted to its source there; the command names the
   * file the person gave, not the page's /input. */
  function findingFix(f) {
    var name = state.file ? state.file.name : "winsock2.reg";
    if (/\s/.test(name)) name = '"' + name + '"';
    return String(f.fix || "").replace(/--reg \/input /g, function () { return "--reg " + name + " "; });
  }

  /* `explain --json` for text that is no catalog: the best match in full,
   * the others folded; each in an element with data-symptom. */
  function renderExplain(x) {
    explainEl.appendChild(el("h2", null, t("explain_heading")));
    x.matches.forEach(function (m, i) {
      var box = el(i === 0 ? "article" : "details", "symptom");
      box.setAttribute("data-symptom", m.symptom);
      var title = m.error_code !== null ? m.error_code + (m.error_name ? " " + m.error_name : "") : m.symptom;
      if (i === 0) box.appendChild(el("h3", null, title));
      else box.appendChild(el("summary", null, title));
      if (m.error_code !== null && i === 0) box.appendChild(el("p", "code-line", t("explain_code") + ": " + title));
      var field = function (key, text) {
        if (!text) return;
        var p = el("p", "field");
        p.appendChild(el("span", "label", t(key) + ": "));
        p.appendChild(document.createTextNode(text));
        box.appendChild(p);
      };
      field("explain_meaning", m.meaning);
      field("explain_cause", m.cause);
      field("explain_winsock", t(m.winsock_related ? "yes" : "no"));
      /* The cause in words when it is not the catalog's, with what shows it. */
      if (m.verdict === "environment" || m.verdict === "layered-provider") {
        field("explain_verdict", t("explain_verdict_" + m.verdict.replace("-", "_")));
        if (m.evidence && m.evidence.length) {
          box.appendChild(el("p", "label", t("explain_evidence") + ":"));
          var ev = el("ul", "explain-evidence");
          m.evidence.forEach(function (e) { ev.appendChild(el("li", null, e)); });
          box.appendChild(ev);
        }
      }
      if (m.steps && m.steps.length) {
        box.appendChild(el("h4", null, t("explain_steps")));
        var prev = null, ul = null;
        m.steps.forEach(function (st) {
          if (st.os !== prev) {
            prev = st.os;
            box.appendChild(el("p", "os-group", I18N.en["os_" + st.os] ? t("os_" + st.os) : st.os));
            ul = el("ul", "explain-steps");
            box.appendChild(ul);
          }
          var li = el("li", "explain-step", st.text);
          if (st.command) {
            var c = el("p", "command");
            c.appendChild(el("span", "label", t("explain_run") + ": "));
            c.appendChild(el("code", null, st.command));
            li.appendChild(c);
          }
          ul.appendChild(li);
        });
      }
      if (i === 1) explainEl.appendChild(el("h3", null, t("explain_other")));
      explainEl.appendChild(box);
    });
  }

  /* The library's verdict on the cause (diagnose --json "cause"): its
   * summary and steps come worded in the page's language. */
  function renderCause(c) {
    if (!c) return;
    var sec = el("section", "cause cause-" + c.verdict);
    sec.setAttribute("data-cause", c.verdict);
    sec.appendChild(el("h3", null, t("cause_heading")));
    sec.appendChild(el("p", "cause-summary", c.summary));
    if (c.layered_providers.length) {
      var ul = el("ul", "cause-providers");
      c.layered_providers.forEach(function (p) {
        var who = p.vendor || p.product ? [p.vendor, p.product].filter(Boolean).join(", ") : t("cause_unknown_vendor");
        if (p.category) who += " (" + p.category + ")";
        var bits = [p.name + " (" + p.path + "): " + who];
        if (!p.ifs) bits.push(t("cause_non_ifs"));
        if (p.managed) bits.push(t("cause_managed"));
        var li = el("li", "cause-provider", bits.join("; "));
        li.setAttribute("data-vendor", p.vendor || "");
        li.setAttribute("data-ifs", p.ifs ? "1" : "0");
        ul.appendChild(li);
      });
      sec.appendChild(ul);
    }
    if (c.verdict === "layered-provider") {
      if (c.excluded_programs === null) sec.appendChild(el("p", null, t("cause_excluded_unknown")));
      else if (!c.excluded_programs.length) sec.appendChild(el("p", null, t("cause_excluded_none")));
      else {
        sec.appendChild(el("p", null, t("cause_excluded")));
        var xl = el("ul", "cause-excluded");
        c.excluded_programs.forEach(function (x) { xl.appendChild(el("li", null, x)); });
        sec.appendChild(xl);
      }
    }
    sec.appendChild(el("p", "cause-steps-head", t("cause_steps")));
    var ol = el("ol", "cause-steps");
    c.steps.forEach(function (s) { ol.appendChild(el("li", null, s)); });
    sec.appendChild(ol);
    causeEl.appendChild(sec);
  }

  function renderFindings(d) {
    var sevs = ["error", "warning", "info"];
    var any = false;
    sevs.forEach(function (sev) {
      var list = d.findings.filter(function (f) { return f.severity === sev; });
      if (!list.length) return;
      any = true;
      var sec = el("section", "severity sev-" + sev);
      sec.appendChild(el("h3", null, t("sev_" + sev) + " (" + list.length + ")"));
      var ul = el("ul", "findings");
      list.forEach(function (f) {
        var li = el("li", "finding");
        li.setAttribute("data-code", f.code);
        li.setAttribute("data-severity", f.severity);
        if (f.entry) li.setAttribute("data-entry", f.entry);
        var head = el("p", "finding-head");
        head.appendChild(el("code", "code", f.code));
        li.appendChild(head);
        li.appendChild(el("p", "message", f.message));
        var w = where(f);
        if (w) {
          var wp = el("p", "where");
          wp.appendChild(el("span", "label", t("where") + ": "));
          wp.appendChild(document.createTextNode(w));
          li.appendChild(wp);
        }
        var fix = findingFix(f);
        if (fix) {
          var fp = el("p", "fix");
          fp.appendChild(el("span", "label", t("fix") + ": "));
          fp.appendChild(document.createTextNode(fix));
          li.appendChild(fp);
        }
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      findingsEl.appendChild(sec);
    });
    if (!any) findingsEl.appendChild(el("p", "no-findings", t("no_findings")));
    if (d.skipped && d.skipped.length) {
      var det = el("details", "skipped");
      det.appendChild(el("summary", null, t("skipped") + " (" + d.skipped.length + ")"));
      var ul = el("ul");
      d.skipped.forEach(function (s) { ul.appendChild(el("li", null, s)); });
      det.appendChild(ul);
      findingsEl.appendChild(det);
    }
  }

  function renderPlan(doc) {
    var p = doc.plan;
    if (!p) return;
    planEl.appendChild(el("h2", null, t("plan_heading")));
    if (p.partial) {
      planEl.appendChild(el("p", null, t("plan_partial")));
      var ol = el("ol", "steps");
      (p.steps || []).forEach(function (st) {
        var li = el("li", "step", st.text);
        if (st.command) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("code", null, st.command));
        }
        ol.appendChild(li);
      });
      planEl.appendChild(ol);
      /* netsh text or a HijackThis log: ws2fix on that machine, never a
       * fix file or --apply on the text. */
      fixNote.textContent = t("fix_note_partial") + " " + t("fix_note_partial_run");
      fixNote.hidden = false;
      return;
    }
    var plan = p.plan || { steps: [], notes: [] };
    if (!plan.steps.length) {
      planEl.appendChild(el("p", null, t("plan_empty")));
    } else {
      var steps = el("ol", "steps");
      plan.steps.forEach(function (st) {
        var li = el("li", "step");
        if (st.cause) li.setAttribute("data-cause", st.cause);
        li.appendChild(el("p", "action", st.action));
        li.appendChild(el("p", "key", st.key));
        if (st.old !== null || st.new !== null)
          li.appendChild(el("p", "change", t("plan_old_new", { old: st.old === null ? "–" : st.old, "new": st.new === null ? "–" : st.new })));
        steps.appendChild(li);
      });
      planEl.appendChild(steps);
    }
    if (plan.removes_providers && plan.removes_providers.length) {
      planEl.appendChild(el("h3", null, t("plan_removes")));
      var rl = el("ul");
      /* Each provider with every entry it loses (plan.removes_entries). */
      plan.removes_providers.forEach(function (r) {
        var li = el("li", null, r);
        var entries = (plan.removes_entries || []).filter(function (e) { return e.provider === r; });
        if (entries.length) {
          var ul = el("ul");
          entries.forEach(function (e) {
            ul.appendChild(el("li", "removed-entry", t(e.catalog_id === null ? "removed_ns_entry" : "removed_entry",
              { view: e.view, id: e.catalog_id, key: e.key, name: e.name })));
          });
          li.appendChild(ul);
        }
        rl.appendChild(li);
      });
      planEl.appendChild(rl);
    }
    if (plan.notes && plan.notes.length) {
      planEl.appendChild(el("h3", null, t("plan_notes")));
      var nl = el("ul", "notes");
      plan.notes.forEach(function (n) { nl.appendChild(el("li", null, n)); });
      planEl.appendChild(nl);
    }
    if (plan.needs_restart && plan.steps.length) planEl.appendChild(el("p", "restart", t("plan_restart")));
    if (doc.fix_file_base64) {
      download.hidden = false;
      downloadCmd.hidden = !doc.fix_cmd_base64;
      fixNote.textContent = t("fix_note_reg");
    } else {
      fixNote.textContent = t("fix_note_nothing");
    }
    fixNote.hidden = false;
  }

  /* ---- start ---- */

  function wasmBytes() {
    return fromBase64(window.WS2FIX_WASM_BASE64);
  }

  applyStatic();
  render(null, 0);
  kindEl.textContent = t("loading");
  try {
    /* The wasm comes from ws2fix-wasm.js, not from a fetch: a page opened
     * from file:// may not fetch, and the policy forbids connections. */
    window.createWs2fix({ wasmBinary: wasmBytes() }).then(function (m) {
      state.module = m;
      var v = m.ccall("ws2fix_web_version", "string", [], []);
      versionEl.textContent = "ws2fix " + v;
      versionEl.setAttribute("data-version", v);
      run();
    }, function (e) {
      state.loadError = String(e && e.message ? e.message : e);
      run();
    });
  } catch (e) {
    state.loadError = String(e && e.message ? e.message : e);
    run();
  }
})();
