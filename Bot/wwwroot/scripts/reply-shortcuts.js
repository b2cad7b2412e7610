// The ticket page's reply box, from the keyboard: "/" at the start of a word, or Ctrl+K, opens a list of the prepared
// replies (filled in by the server: this script fills nothing) and the articles; typing filters it, the arrow keys
// move, Enter inserts at the cursor (an article is marked as shared instead), Escape closes. Without this script the
// page's Insert forms do the same with a reload. Listeners sit on the document, because Blazor's enhanced navigation
// swaps pages in without running scripts again.
(() => {
  'use strict';

  const BOX_ID = 'reply-text';
  let picker = null;

  const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  // The hint describes the box only where this script runs, so that no one is told of a keystroke that does nothing.
  function showHint() {
    const hint = document.getElementById('reply-hint');
    const box = document.getElementById(BOX_ID);
    if (hint && box && document.getElementById('reply-snippets')) {
      hint.hidden = false;
      box.setAttribute('aria-describedby', hint.id);
    }
  }

  function snippets() {
    const template = document.getElementById('reply-snippets');
    if (!(template instanceof HTMLTemplateElement)) {
      return [];
    }

    return Array.from(template.content.querySelectorAll('[data-kind]'), (element) => ({
      kind: element.dataset.kind,
      label: element.dataset.label || '',
      title: element.textContent.trim(),
      text: element.dataset.text || '',
      slug: element.dataset.slug || '',
    }));
  }

  function atWordStart(box) {
    const at = box.selectionStart;
    return at === box.selectionEnd && (at === 0 || /\s/.test(box.value[at - 1]));
  }

  function open(box, bySlash) {
    const items = snippets();
    if (items.length === 0) {
      return false;
    }

    const root = document.createElement('div');
    root.className = 'snippet-picker';
    const label = document.createElement('label');
    label.id = 'snippet-filter-label';
    label.htmlFor = 'snippet-filter';
    label.textContent = 'Insert a prepared reply or share an article';
    const input = document.createElement('input');
    input.id = 'snippet-filter';
    input.type = 'text';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-controls', 'snippet-list');
    const list = document.createElement('ul');
    list.id = 'snippet-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-labelledby', 'snippet-filter-label');
    const options = items.map((item, index) => {
      const option = document.createElement('li');
      option.id = `snippet-option-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      const kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = `${item.label}: `;
      option.append(kind, item.title);
      // mousedown, not click: the filter keeps focus, so the picker is not closed before the choice lands.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(index);
      });
      list.append(option);
      return option;
    });
    const status = document.createElement('p');
    status.className = 'hint';
    status.setAttribute('role', 'status');
    const keys = document.createElement('p');
    keys.className = 'hint';
    keys.textContent = '↑ ↓ to choose, Enter to insert, Esc to close.';
    root.append(label, input, list, status, keys);
    box.insertAdjacentElement('afterend', root);

    picker = { root, input, list, options, items, status, box, start: box.selectionStart, end: box.selectionEnd, bySlash, visible: [], active: -1 };
    input.addEventListener('input', filter);
    input.addEventListener('keydown', onPickerKey);
    root.addEventListener('focusout', (event) => {
      if (picker && picker.root === root && !root.contains(event.relatedTarget)) {
        close();
      }
    });
    filter();
    input.focus();
    return true;
  }

  function filter() {
    const words = fold(picker.input.value).split(/\s+/).filter(Boolean);
    picker.visible = [];
    picker.items.forEach((item, index) => {
      const haystack = fold(`${item.title} ${item.text}`);
      const shown = words.every((word) => haystack.includes(word));
      picker.options[index].hidden = !shown;
      if (shown) {
        picker.visible.push(index);
      }
    });
    picker.status.textContent = picker.visible.length === 0 ? 'Nothing matches.' : `${picker.visible.length} to choose from.`;
    activate(picker.visible.length > 0 ? picker.visible[0] : -1);
  }

  function activate(index) {
    picker.options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    picker.active = index;
    if (index < 0) {
      picker.input.removeAttribute('aria-activedescendant');
      return;
    }

    picker.input.setAttribute('aria-activedescendant', picker.options[index].id);
    picker.options[index].scrollIntoView({ block: 'nearest' });
  }

  function move(step) {
    const count = picker.visible.length;
    if (count === 0) {
      return;
    }

    const at = picker.visible.indexOf(picker.active);
    activate(picker.visible[(at + step + count) % count]);
  }

  function onPickerKey(event) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Home':
      case 'End':
        if (picker.visible.length > 0) {
          event.preventDefault();
          activate(event.key === 'Home' ? picker.visible[0] : picker.visible[picker.visible.length - 1]);
        }
        break;
      case 'Enter':
        event.preventDefault();
        if (picker.active >= 0) {
          choose(picker.active);
        }
        break;
      case 'Escape': {
        event.preventDefault();
        // A "/" that opened the picker was maybe just a slash: give back what was typed.
        const typed = picker.bySlash ? `/${picker.input.value}` : '';
        const { box, start, end } = picker;
        close();
        insert(box, typed, start, end);
        break;
      }
      default:
        break;
    }
  }

  function choose(index) {
    const item = picker.items[index];
    const { box, start, end } = picker;
    close();
    if (item.kind === 'article') {
      share(item);
      insert(box, '', start, end);
    } else {
      insert(box, item.text, start, end);
    }
  }

  function insert(box, text, start, end) {
    box.focus();
    box.setRangeText(text, start, end, 'end');
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function share(item) {
    const field = document.getElementById('reply-article');
    const line = document.getElementById('reply-sharing');
    if (!field || !line) {
      return;
    }

    field.value = item.slug;
    line.querySelector('span').textContent = item.title;
    line.hidden = false;
  }

  function close() {
    if (!picker) {
      return;
    }

    const { root } = picker;
    picker = null;
    root.remove();
  }

  document.addEventListener('keydown', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || box.id !== BOX_ID || picker || event.altKey) {
      return;
    }

    const shortcut = (event.ctrlKey || event.metaKey) && (event.key === 'k' || event.key === 'K');
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && atWordStart(box);
    if ((shortcut || slash) && open(box, slash)) {
      event.preventDefault();
    }
  });

  document.addEventListener('click', (event) => {
    const remove = event.target instanceof Element ? event.target.closest('[data-unshare]') : null;
    const field = document.getElementById('reply-article');
    const line = document.getElementById('reply-sharing');
    if (!remove || !field || !line) {
      return;
    }

    // Without script the link reloads the page without the article; here the typed text stays.
    event.preventDefault();
    field.value = '';
    line.hidden = true;
    document.getElementById(BOX_ID)?.focus();
  });

  showHint();
  window.Blazor?.addEventListener?.('enhancedload', showHint);
})();
