/**
 * The access map page's own style and script, inlined into the one HTML file (no network, no
 * external assets). The script renders the embedded JSON with `textContent` and `createElement`
 * only, never `innerHTML`, so zone text (user input) can only ever show as text.
 */

export const MAP_STYLE = `
:root { --fg: #1b1f24; --muted: #5b6470; --line: #d8dde3; --bg: #f6f7f9; --card: #fff; --accent: #0b5cad; --hit: #fff3b0; --warn: #fbe9e7; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.top { position: sticky; top: 0; z-index: 1; background: var(--card); border-bottom: 1px solid var(--line); padding: 12px 20px; }
header.top h1 { margin: 0 0 8px; font-size: 18px; }
header.top .sub { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 8px; }
#q { width: 100%; max-width: 720px; padding: 8px 10px; font-size: 15px; border: 1px solid var(--line); border-radius: 6px; }
#status { color: var(--muted); margin: 6px 0 0; font-size: 13px; }
main { padding: 12px 20px 40px; }
.warning { background: var(--warn); border: 1px solid #e0b4ad; border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
h2.dept { grid-column: 1 / -1; font-size: 15px; margin: 12px 0 0; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
h2.dept .note { text-transform: none; letter-spacing: 0; font-weight: normal; font-size: 12px; margin-left: 8px; }
#zones { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 10px; align-items: start; }
article.zone { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 0; }
article.zone h3 { margin: 0; font-size: 16px; display: inline; }
article.zone .desc { color: var(--muted); margin: 2px 0 8px; white-space: pre-wrap; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; font-size: 13px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; margin: 0 4px 2px 0; font-size: 12px; }
table.accounts { border-collapse: collapse; margin: 4px 0 8px; font-size: 13px; width: 100%; }
table.accounts td { white-space: nowrap; }
table.accounts td .id { display: block; margin-left: 0; }
table.accounts th, table.accounts td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
table.accounts th { color: var(--muted); font-weight: normal; }
.id { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; margin-left: 6px; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; background: var(--bg); padding: 1px 4px; border-radius: 4px; }
a { color: var(--accent); }
.nolink { color: var(--muted); font-style: italic; }
ul.people, ul.actions { list-style: none; padding: 0; margin: 2px 0 8px; }
ul.people li, ul.actions li { padding: 1px 0; }
.role { color: var(--muted); font-size: 12px; margin-left: 6px; }
li.role { margin-left: 0; }
.expired { text-decoration: line-through; color: var(--muted); }
.hit { background: var(--hit); }
details summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.grant { color: var(--muted); font-size: 12px; margin-left: 6px; }
#more { margin: 8px 0; padding: 6px 12px; }
h4 { margin: 8px 0 2px; font-size: 13px; color: var(--muted); font-weight: 600; }
`;

/** Reads `#map-data`, renders matching zones, filters as the person types. */
export const MAP_SCRIPT = `
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var PAGE = 50;
  var q = document.getElementById("q");
  var list = document.getElementById("zones");
  var status = document.getElementById("status");
  var more = document.getElementById("more");
  var departments = {};
  data.departments.forEach(function (d) { departments[d.name] = d; });
  var sets = data.actionSets.map(function (set) {
    return { entries: set, text: set.map(function (e) { return e[0].toLowerCase(); }).join("\\n") };
  });
  // One lower-cased text per zone: everything the search box may match.
  var haystacks = data.zones.map(function (z) {
    var parts = [z.name, z.department, z.description || "", z.permissionSet, z.relayState || ""]
      .concat(z.owners, z.presets, z.policies)
      .concat(z.members.map(function (m) { return m.user + "\\n" + (m.reason || ""); }))
      .concat(z.accounts.map(function (a) { return a.id + "\\n" + a.label + "\\n" + a.profile; }))
      .concat(z.tags.map(function (t) { return t[0] + "=" + t[1]; }));
    return parts.join("\\n").toLowerCase() + "\\n" + sets[z.actionSet].text;
  });
  var shown = PAGE;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function matches(text, tokens) {
    var t = text.toLowerCase();
    return tokens.some(function (k) { return t.indexOf(k) !== -1; });
  }
  function fact(dl, name, value) {
    dl.appendChild(el("dt", "", name));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
    dl.appendChild(dd);
  }
  function chips(values, tokens) {
    var span = el("span");
    values.forEach(function (v) { span.appendChild(el("span", "chip" + (tokens.length && matches(v, tokens) ? " hit" : ""), v)); });
    return span;
  }

  function renderZone(z, tokens) {
    var art = el("article", "zone");
    art.setAttribute("data-zone", z.name);
    var h = el("h3", tokens.length && matches(z.name, tokens) ? "hit" : "", z.name);
    art.appendChild(h);
    if (z.description) art.appendChild(el("p", "desc", z.description));
    var dl = el("dl", "facts");
    fact(dl, "permission set", z.permissionSet);
    fact(dl, "session", z.session);
    if (z.relayState) fact(dl, "opens", z.relayState);
    fact(dl, "access", chips(z.presets, tokens));
    if (z.policies.length) fact(dl, "policies", chips(z.policies, tokens));
    if (z.tags.length) fact(dl, "tags", chips(z.tags.map(function (t) { return t[0] + "=" + t[1]; }), tokens));
    art.appendChild(dl);

    art.appendChild(el("h4", "", "People"));
    var people = el("ul", "people");
    z.owners.forEach(function (o) {
      var li = el("li", tokens.length && matches(o, tokens) ? "hit" : "");
      li.appendChild(el("span", "", o));
      li.appendChild(el("span", "role", "owner (manages the members)"));
      people.appendChild(li);
    });
    z.members.forEach(function (m) {
      var expired = m.until !== undefined && m.until < data.at;
      var li = el("li", tokens.length && matches(m.user, tokens) ? "hit" : "");
      li.appendChild(el("span", expired ? "expired" : "", m.user));
      var role = "member" + (m.until === undefined ? "" : expired ? ", expired " + m.until : ", until " + m.until);
      li.appendChild(el("span", "role", role + (m.reason ? " (" + m.reason + ")" : "")));
      people.appendChild(li);
    });
    var mode = departments[z.department].membership;
    if (mode === "entra") people.appendChild(el("li", "role", "members: managed by the owners in Entra ID (not in the zone files)"));
    else if (mode === "access-package") people.appendChild(el("li", "role", "members: people request the zone's access package (Entra ID Governance)"));
    else if (!z.members.length) people.appendChild(el("li", "role", "no members"));
    art.appendChild(people);

    var table = el("table", "accounts");
    var head = el("tr");
    ["account", "console", "AWS CLI"].forEach(function (t) { head.appendChild(el("th", "", t)); });
    table.appendChild(head);
    z.accounts.forEach(function (a) {
      var tr = el("tr");
      var name = el("td", tokens.length && (matches(a.label, tokens) || matches(a.id, tokens)) ? "hit" : "", a.label);
      if (a.label !== a.id) name.appendChild(el("span", "id", a.id));
      tr.appendChild(name);
      var link = el("td");
      if (a.link) {
        var anchor = el("a", "signin", "Sign in");
        anchor.href = a.link;
        anchor.target = "_blank";
        anchor.rel = "noopener noreferrer";
        link.appendChild(anchor);
      } else link.appendChild(el("span", "nolink", "no link: identityCenter.startUrl is not set"));
      tr.appendChild(link);
      var cli = el("td");
      cli.appendChild(el("code", "", "aws --profile " + a.profile));
      tr.appendChild(cli);
      table.appendChild(tr);
    });
    art.appendChild(table);

    // The full action list is drawn when opened (thousands of cards x dozens of actions would
    // make every keystroke slow); actions matching the search are listed right away.
    var set = sets[z.actionSet].entries;
    var hits = tokens.length ? set.filter(function (e) { return matches(e[0], tokens); }) : [];
    if (hits.length) {
      art.appendChild(el("h4", "", "Matching actions"));
      art.appendChild(actionList(hits, z, "actions matching", true));
    }
    var details = el("details", "actions");
    details.appendChild(el("summary", "", "All " + set.length + " actions"));
    details.addEventListener("toggle", function () {
      if (details.open && details.childNodes.length === 1) details.appendChild(actionList(set, z, "actions", false));
    });
    art.appendChild(details);
    return art;
  }

  function actionList(entries, z, cls, hit) {
    var ul = el("ul", cls);
    entries.forEach(function (e) {
      var li = el("li", hit ? "hit" : "");
      li.appendChild(el("code", "", e[0]));
      li.appendChild(el("span", "grant", e[1].map(function (i) { return data.grantLabels[i].replace("<zone>", z.name); }).join("; ")));
      ul.appendChild(li);
    });
    return ul;
  }

  function update() {
    var tokens = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var found = [];
    for (var i = 0; i < data.zones.length; i++) {
      var hay = haystacks[i];
      if (tokens.every(function (k) { return hay.indexOf(k) !== -1; })) found.push(i);
    }
    var frag = document.createDocumentFragment();
    var lastDept = null;
    var visible = found.slice(0, shown);
    visible.forEach(function (i) {
      var z = data.zones[i];
      if (z.department !== lastDept) {
        lastDept = z.department;
        var h = el("h2", "dept", z.department);
        frag.appendChild(h);
      }
      frag.appendChild(renderZone(z, tokens));
    });
    if (!tokens.length) {
      data.departments.forEach(function (d) {
        if (!data.zones.some(function (z) { return z.department === d.name; })) {
          var h = el("h2", "dept", d.name);
          h.appendChild(el("span", "note", d.retired ? "retired" : "no zones"));
          frag.appendChild(h);
        }
      });
    }
    list.replaceChildren(frag);
    var total = data.zones.length;
    status.textContent = (tokens.length ? found.length + " of " + total + " zones match" : total + " zones") +
      (found.length > visible.length ? "; showing the first " + visible.length : "");
    more.hidden = found.length <= visible.length;
    more.textContent = "Show " + Math.min(PAGE, found.length - visible.length) + " more";
  }

  q.addEventListener("input", function () { shown = PAGE; update(); });
  more.addEventListener("click", function () { shown += PAGE; update(); });
  update();
  document.body.setAttribute("data-ready", "1");
})();
`;
