// Live reload and error overlay of `atlas serve`. The server adds this
// script to pages it serves for previewing; built sites never contain it.
// It long-polls /__atlas/status: when a build changed what is served at
// this page's address, the page reloads (other builds leave it alone);
// build errors are shown over the page (the last good site stays displayed).
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script ? script.dataset.version : undefined;
  var since = -1;
  var OVERLAY_ID = 'atlas-serve-overlay';

  function addStylesheet() {
    if (document.getElementById('atlas-serve-style')) return;
    var link = document.createElement('link');
    link.id = 'atlas-serve-style';
    link.rel = 'stylesheet';
    link.href = '/__atlas/overlay.css';
    document.head.appendChild(link);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function where(d) {
    var place = d.file + ':' + d.line + ':' + d.column;
    return d.field ? place + ' [' + d.field + ']' : place;
  }

  // The words come with the status, in the language of `atlas serve`.
  function showErrors(errors, words) {
    addStylesheet();
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
    var box = el('section', 'atlas-serve-overlay');
    box.id = OVERLAY_ID;
    box.setAttribute('role', 'alert');
    box.setAttribute('lang', words.lang);
    box.setAttribute('aria-labelledby', OVERLAY_ID + '-title');
    var title = el('h2', 'atlas-serve-title', words.title);
    title.id = OVERLAY_ID + '-title';
    box.appendChild(title);
    box.appendChild(el('p', 'atlas-serve-note', words.note));
    var list = el('ul', 'atlas-serve-list');
    errors.forEach(function (d) {
      var item = el('li');
      item.appendChild(el('code', 'atlas-serve-where', where(d)));
      item.appendChild(el('p', 'atlas-serve-message', d.message));
      if (d.help) item.appendChild(el('p', 'atlas-serve-help', d.help));
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = el('button', 'atlas-serve-close', words.close);
    close.type = 'button';
    close.addEventListener('click', function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function clearErrors() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function poll() {
    for (;;) {
      try {
        var response = await fetch('/__atlas/status?since=' + since + '&page=' + encodeURIComponent(location.pathname),
          { cache: 'no-store' });
        var status = await response.json();
        if (version !== undefined && status.version !== version) {
          location.reload();
          return;
        }
        since = status.revision;
        if (status.errors.length > 0) showErrors(status.errors, status.overlay); else clearErrors();
      } catch (e) {
        // The server restarted or stopped: try again shortly.
        await wait(1000);
      }
    }
  }

  poll();
})();
