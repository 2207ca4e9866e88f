// Turns a selection inside the source text into the evidence form's Passage, Start and End. Each paragraph of
// the rendered text carries data-start, its offset in the stored text, and holds that text and nothing else,
// so an offset inside a paragraph's text is an offset into the stored text. The server checks the words at
// the offsets again; this script only saves the editor from pasting.
(() => {
  "use strict";

  const paragraphOf = (node) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const paragraph = element && element.closest("[data-source-text] > p[data-start]");
    return paragraph || null;
  };

  // Offset of (node, offset) in the stored text: the paragraph's start plus the characters before it within the paragraph.
  const textOffset = (paragraph, node, offset) => {
    const before = document.createRange();
    before.selectNodeContents(paragraph);
    before.setEnd(node, offset);
    return Number(paragraph.dataset.start) + before.toString().length;
  };

  const update = () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }

    const range = selection.getRangeAt(0);
    const first = paragraphOf(range.startContainer);
    const last = paragraphOf(range.endContainer);
    const passage = document.getElementById("evidence-passage");
    const start = document.getElementById("evidence-start");
    const end = document.getElementById("evidence-end");
    if (!first || !last || !passage || !start || !end) {
      return;
    }

    start.value = String(textOffset(first, range.startContainer, range.startOffset));
    end.value = String(textOffset(last, range.endContainer, range.endOffset));
    // Paragraphs render without their line breaks; the server compares line breaks loosely and saves its own text.
    passage.value = selection.toString();
  };

  // Typing into Passage means the editor chose the words by hand: the offsets no longer describe them.
  const forget = (event) => {
    if (event.target && event.target.id === "evidence-passage") {
      const start = document.getElementById("evidence-start");
      const end = document.getElementById("evidence-end");
      if (start) { start.value = ""; }
      if (end) { end.value = ""; }
    }
  };

  document.addEventListener("mouseup", update);
  document.addEventListener("keyup", (event) => { if (event.target === document.body || paragraphOf(event.target)) { update(); } });
  document.addEventListener("input", forget);
})();
