namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// The console's only stylesheet and script, served from the app (no build chain, no CDN). The script is
/// the light polling: it fetches the page it is on and swaps in regions marked data-live whose content
/// changed, except while keyboard focus is inside one, so nobody loses their place.
/// </summary>
internal static class ConsoleAssets
{
    public const string Css = """
        :root { color-scheme: light; --fg: #1a1a1a; --muted: #555; --line: #ccc; --accent: #0b57d0; --bad: #a50e0e; --ok: #137333; --wait: #8a5a00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: #fff; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
        header { border-bottom: 1px solid var(--line); padding: 8px 12px; }
        header nav { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
        header form { margin-left: auto; }
        main { padding: 12px; max-width: 1100px; margin: 0 auto; }
        h1 { font-size: 1.4rem; margin: 0 0 12px; word-break: break-all; }
        h2 { font-size: 1.1rem; margin: 20px 0 8px; }
        form.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; }
        form.filters label, form.login label { display: flex; flex-direction: column; font-size: .9rem; }
        input, select, button { font: inherit; padding: 6px 8px; min-height: 40px; max-width: 100%; }
        button { cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; }
        button.secondary { background: #fff; color: var(--accent); }
        ul.counts { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 12px 0; }
        ul.counts a { display: inline-block; border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; text-decoration: none; }
        ul.counts a[aria-current] { background: var(--accent); color: #fff; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        td.id { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
        .status { font-weight: 600; }
        .status-Failed, .status-Cancelled { color: var(--bad); }
        .status-Submitted, .status-Shipped, .status-Completed { color: var(--ok); }
        .status-Waiting, .status-Received { color: var(--wait); }
        figure { margin: 12px 0; }
        svg.chart { width: 100%; max-width: 520px; height: auto; display: block; }
        svg.chart rect { fill: var(--accent); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-word; }
        ol.timeline { padding-left: 20px; } ol.timeline li { margin-bottom: 6px; }
        ol.timeline time { color: var(--muted); font-size: .9rem; display: block; }
        .notice { border-left: 4px solid var(--accent); padding: 6px 10px; background: #f1f5fe; }
        .problem { border-left: 4px solid var(--bad); padding: 6px 10px; background: #fdeeee; }
        .pager { display: flex; gap: 12px; margin: 12px 0; flex-wrap: wrap; }
        @media (max-width: 480px) { body { font-size: 15px; } th.wide, td.wide { display: none; } dl.facts { grid-template-columns: 1fr; } }
        """;

    public const string Script = """
        (function () {
          "use strict";
          var regions = document.querySelectorAll("[data-live]");
          if (!regions.length) { return; }
          var every = parseInt(document.body.getAttribute("data-refresh-ms"), 10) || 5000;
          function refresh() {
            if (document.hidden) { return; }
            fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
              .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
              .then(function (html) {
                if (!html) { return; }
                var fresh = new DOMParser().parseFromString(html, "text/html");
                document.querySelectorAll("[data-live]").forEach(function (region) {
                  var next = fresh.getElementById(region.id);
                  if (next && next.innerHTML !== region.innerHTML && !region.contains(document.activeElement)) {
                    region.innerHTML = next.innerHTML;
                  }
                });
              })
              .catch(function () { /* the next tick tries again */ });
          }
          window.setInterval(refresh, every);
        })();
        """;
}
